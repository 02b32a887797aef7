from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
# SQLite's reverses_id edited by hand: SQLite has no ADD CONSTRAINT, so the foreign key goes on
# the added column and the uniqueness is a unique index.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "credit_draw" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "amount" INT NOT NULL,
    "grant_id" CHAR(36) NOT NULL REFERENCES "credit_grant" ("id") ON DELETE CASCADE,
    "usage_id" CHAR(36) NOT NULL REFERENCES "credit_usage" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_draw_usage_i_a802e6" UNIQUE ("usage_id", "grant_id")
) /* What one grant paid of one charge, so that a refund gives it back. */;
        ALTER TABLE "billing_outbox" ADD "cancels" CHAR(36);
        ALTER TABLE "credit_usage" ADD "reverses_id" CHAR(36) REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE UNIQUE INDEX "uid_credit_usage_reverses_id" ON "credit_usage" ("reverses_id");
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE' /* CHARGE: CHARGE
REFUND: REFUND */;
        CREATE INDEX "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        DROP INDEX IF EXISTS "uid_credit_usage_reverses_id";
        ALTER TABLE "billing_outbox" DROP COLUMN "cancels";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
        ALTER TABLE "credit_usage" DROP COLUMN "kind";
        DROP TABLE IF EXISTS "credit_draw";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "credit_draw" (
    "id" UUID NOT NULL PRIMARY KEY,
    "amount" INT NOT NULL,
    "grant_id" UUID NOT NULL REFERENCES "credit_grant" ("id") ON DELETE CASCADE,
    "usage_id" UUID NOT NULL REFERENCES "credit_usage" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_draw_usage_i_a802e6" UNIQUE ("usage_id", "grant_id")
);
COMMENT ON TABLE "credit_draw" IS 'What one grant paid of one charge, so that a refund gives it back.';
        ALTER TABLE "billing_outbox" ADD "cancels" UUID;
        ALTER TABLE "credit_usage" ADD "reverses_id" UUID UNIQUE;
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE';
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        COMMENT ON COLUMN credit_usage."kind" IS 'CHARGE: CHARGE
REFUND: REFUND';
        ALTER TABLE "credit_usage" ADD CONSTRAINT "fk_credit_u_credit_u_11b99fad" FOREIGN KEY ("reverses_id") REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "fk_credit_u_credit_u_11b99fad";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
        ALTER TABLE "credit_usage" DROP COLUMN "kind";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
        ALTER TABLE "billing_outbox" DROP COLUMN "cancels";
        DROP TABLE IF EXISTS "credit_draw";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXetz4ji2/1dUfJmeKjbVodOPTd26VSTQaWYIpAJ0791hy22wErwxlteWk07Nzv9+de"
    "QHfsjGBpMYt74kRtaR7d/R47x09GdrTTRsOCddS/8dP7fO0Z8tU11jdpG400Yt1bI25VBA"
    "1YXBq6qWrjz4lRYOtdUlZcV3quFgVqRhZ2nrFtWJCZW7iGJTNekvDureDBCjayOHEhtrSH"
    "UQXWE0+dL9W+f9B0TukE4d5OCljWkbmfgR27yCV3ICz9PIkj1QN++rb9o19f+4WKHkHrM7"
    "NnvAH/9ixbqp4R/YgZ9/tLznQW1GplKsKSpt/QuqWQ/KnY4NLYaprkFVXq7QZ4uXzWaD3m"
    "deEz5noSyJ4a7NTW3rma6IGVZ3XV07ARq4d49NbMNjI3CbrmH4jAmKvC9hBdR2cfgJ2qZA"
    "w3eqawDTWv9z55pL4BXiT4I/Z//rv1qkmqKMxlNl0p8qSivFY3iFBG/8oiUxoX/oJgUA//"
    "zLa3cDCC9twQMuv3Rv37z78CuHgDj03uY3OVytvzihSlWPlDNjgzL/n8L5cqXaYpyD+gmk"
    "2YvugnFQsAF5MxAC+AKADgBpa63+UAxs3tMV+9l5+zYH46/dWw4zq8VxJmzkeiN65N/qeP"
    "cA7w2+lo3v9B9lEN5QNBDj0w8FID79kIkw3IoD7E1Cykp1VmVQTpBVA/X2KePFgP5wVgDo"
    "D2eZQMOtONCRSTuFc4/dofoai7GOUyag1nzSk+DiCPt4DtTTwXV/Mu1e30Dza8f5j8Hx6k"
    "77cKfDS58TpW+S/T9sBH0bTL8g+In+OR71k/N9WG/6zxa8k+pSopjkSVG1KCZBcVAUY7Oh"
    "OlRxnZ0YnaStgNX+CJKcrp7TNn4kDzvxOU4puVxnLgeT7+JZKSdRpwirFK7ry+CtsvQGWk"
    "+hKQlrjEhCyiAFDfDuQaidbFTGOLyfmZ6q35tM2eYgD9ibqOZSpJj4mvk0bOg4Yd2UbmZL"
    "W30K1eZ4t2Lfz74aU08G7k4uu71+K2NWqADcmYOPUTMpCm1qIhTDC914oS4fnlRbU2L9Ge"
    "6QDkmUhHXTt9addbJENdV7DhF8C7y5j/2FbhjsI8cuXZAfLYFNKl6hnWeaWnhVFbKpW8BC"
    "tWZA2Ag/YpMi8oQ1RAmaMOQtVvvJ1inrmUg3PYMRezUGsWo6qmc2UR1uWjKwds/asMmTyE"
    "5V/QOKWKtYp6cux8fEPygTdSheW1SarF5qmc02WbkOGwolV90ozcsiXsslN7YUwOTuzQSF"
    "RcMNyR5gHo/QXwJNPk0pZa2qcaom2v0K2VZPc2yrp2nbKvtUgWyYjXJQv4H4Vm/ue1QNV9"
    "CHByYVgxvWT6CrH6XYzd6X/ftb5/Ts49mndx/OPrEq/EXDko85gA9G06SVOpQm0p21b7rr"
    "lKQdN1aH1C/XdVs3/VFvMLoqKRsEZOfIv5ibk/5oeo7g79y87V+OR5eDYf8chZdJke91/A"
    "i+gCfgUWaXj5K8XK9/eyRdPik2p3DNtzEKyKXnoNaWRm79x7ZN7DSvp4ybOT6DkGqn+e14"
    "BMlp/x/TGDuDGenNdfcfv8ZYOhyProLqkRnscji+kI65n3F4OaAilOdxhEw6aurMX+lNkN"
    "6Eupi8C3gTXsfcfWljTacXqsEZJDB3xyu088zdS15VWUTqbjV3f1upFKl+6CRaqQ6CcIcg"
    "RNJiLSHVMMgTtAhGaWJi5JvVkYVtnWhpC3cFbc7NuTldYTBwI92L3gTz6UJ1MLp3Gern7A"
    "FLpmveY7jPronJvp19lGqg2Q3Mf/C87/Dg74ycvdDaddjL6HTOBHEGifHMn8se0EYO4db4"
    "TZNPK8IedMvgdJBBlg8I/7B0iCRdqqZJKCKP2HYsbGpZ1vdocKj3SQobg7Zva4/Y5aXp/V"
    "VN7zHelBREkrRS3Ky1OOKziw3aHRntU0o215rNMOOXMHkF1aW5K2nu8pbCMlhGKCScSTgX"
    "zx4aKTh/m4xHYjwjJMlJR19S9F9k6M7BcI2s7gtXN6huOifw2NdY4AGifCtT0qCUmFigga"
    "SVCUQ4eMXi/TtCIft3sn9LbV9q+1LbL6Tt99jLtjJVfX63XUDP14KKxZR80HbvbdDILVXn"
    "2jiUeGs2V4Gpp7bbmE38GrrXHzHEmiH48gwdf68mAxU/NAX84rBmbAr6/HcPihkEOZ3c2W"
    "SthLW+n6Bvfozck05X3DQQPDESNDeHUUDxmsfY2dEQumyVncdU8WEB3yRV9Xqp6uqauKLp"
    "L9ubHRLICA7Bgs07ecn1Okojl+tk9FaNwjiPFtAc+SecnvcUfyJry/FCu1UGivas7dsnvB"
    "WvKmyv7GbLl9FpsH7ipYd+pnwZMmergBl2iu0Spte0w+Q/RIkFkiAIYglXzxsVWa7NhDXw"
    "Blnsi9tMNrSYdEegGfaDVdb+7ToUpLZf0zLnoR5SLteHjdesa8AryX0TUiJskkS46dnFIY"
    "3RSFQFqFq2TpjCKtiXmAlqlERaGpOAer54Z4fQsTiljB6rsx/PIWwVz9hzVGCDQUhd570x"
    "rZsZuDEm/XMUXM3Nm9vx9Xg6GI+6Q1a8+TE3u73fZpPpNd99sLmem7fj4XD8tX97joKrpO"
    "j0OjsQbKw6IgdL9oamDUUT4qbj+L4vtGPsfc6OsffpHWMO3zasLFd4+UBcqjjYAReV0AqR"
    "kzsqt5VKWFGjTFKd9+8LMILVyk6LBvcS3kSiazuFrMcI5ZJU5yVJ7kvIHmHsA7WxaTz7Pf"
    "BI2O4PFhnGLh3bdYD1sI7tDeDgORbsC73wyT7/fosNlYpDXYS+6obA/dfhjbOe2yHTOBt6"
    "JbYaZ0NvyHbj7NiLcw8MppzSzyBzjp7ARf+kOr4TXWtDNpqnFVm30R2x2ZW+XCGy+DdeCn"
    "IuV9ryljB6JiatLcJ+L595vumkez4rH3MbRe94z4MRJK23r2u9FUdDZispGaGQtVLod9RI"
    "qk92IU3j1doc4zFIJXBNE0qDbhLczZxcYtqNEcmkTXFEH3TRLpdiptOA9gUzs8CXXfXTy1"
    "ekPOFu5jfOkfcfsrB8no16kIIF/u9i/fxUYAb+lDkBf5Kmzxc3fSblwRJYC0ibB/pBzJw2"
    "Zl/qlD+dIEnXPLirl+EcwEwobVzo95kCR5SqSaLc3zudd+8+dt6++/Dp/dnHj+8/vQ3Fjv"
    "StPPnjYnAFIkiMDYLdb9LW+zOY9KVx9wBh0NguHQUdkkhJPrngwq5D7JRENEFWIapHmiBY"
    "uh9ePie/66fR3xPWgtn46zn8C8Tph3NfDFH2fDSaDYfSo1OxRyc9t6ZxG5t4Stifg+woqe"
    "OMurWbJhaUAr7HbNRhM2h2Xw2wL9pjd4W9zj22hFvxGq8XjDMr3WoJvIqRu+08p+I6Xm+b"
    "SzH7K7c48fiSIDfW1soRZxNj5zjbgLbOTrnW+NsIgmP5P4iivR6MIICW/Zub1/3rC7jp/d"
    "/Fclx93Ky0PWRDL+PMpCmi/qaI5sAp9eam683HCmqW4vzKe7BvDNVsCSRxXp4rg1tBjUql"
    "bylr10nWLnuOVrUnaNVoE85Bzs+KvlkK5OwTOxJkTfBN58nFhziyw99BZtn6EitrYtKVUS"
    "oiI4u+Cbx4gbCMGHzPWLX3QH9DLsEvBL5U17PRb5a6nlKGirhm7hiPXVvkZSjjnQHx8bPX"
    "0hH2g0xjd2wScxdh43ui5WmUk0iDTQLt0OpL0M8ytJhIN8xXZpS7SM2KXQqBssTfTzoUpJ"
    "JTl1F76KhQqtMsd02GiTggaCC8nUJaZCdHi+yktcjsjWnb/WHHsEmtNWAa3KzX752j4Gpu"
    "Qv1NefTX3Lwej6Zfhv93jvyLuTkdTyE7Df83N2ej4eB6MAXC8LIenrSXPfO5bqpP1YnMiK"
    "OLTSvZicwiJHLfWyrfHjEMOElMYaOgBKhJMtlXBX0VxM9y0l6ERHr+8j1/gfC9p4MqcIkc"
    "J6RbHVSRDlUrB5VNYOdsS6Td+bfauZpdpNIhPVVZ+RykcieVuwZrH9KHJY+dr12/PxK7fa"
    "Etf66l7cjmOGUD2Xyk7hoB21POhWCILp5LqgUpQrlDUR78dwBIZaDlywdabsZ2BeA2e5ti"
    "ahrcY7MiVZ2HfR28rIkG9eODunQnPLqn/4jFpwJFb7fzFH8/SgiHNbcmnuzCwTtL7MBRPN"
    "5j0BNerAh5QLyVc/QUPcoRzvbBd3d4SfnhkVhdruAwSPZGhs5aIGz4pVNQHugZFUfS5uUi"
    "qk47rlF8Z4WRVjKF5GvF04YjawdlKUkr1aW6qEsVRLcdcrniS7tgnQqW/OwFigY1XsMsDW"
    "mGI6ZxabGujcVaRsxIm/ULC/gvuO9Cpa5Alyp4SlZI/YLJXqfj3rjkBMJpINyoN56bvfFg"
    "dHWO+D/4NerDD28VfOWsr9KDsNPAqJFsJD0IP6VILD0Ir+lB8MXmsvFaMSrpQ5BuGemWqY"
    "k5u72fWyaiRu8bYbhpqaHQxmdB6fKqlcvroGYyb9IQGcrC6STHVLapI7ONNNby5RjufRnD"
    "V1C/cd6o6rfhyTDYw5oUfWfz0nUoWWdkcdt+oHWcWh5kXSCbBXeaK7udPZKmbcymL3n8SG"
    "0mn+M0MVWaU0S1dDi4as8gqq6l/+6dfnVkXaBQOhHi0gUR7Kssg9CFbhjsRcZhU00EaqEa"
    "oOZVcnzAhddWU6G6t1WoXgFQV3azTD5xBwmk5K8EpqLJ/Y8Spk3S/T2ximf5byJUvplr3y"
    "RajTMHxk3+Mq46Dx4/LFjBpmYRfe95/JvXXN9vrfGogW5XEWRBBHlT8Cpl5xUnvMsGtvh5"
    "ODtlvTsS43zZY3EEWGSaypOIbTObK0nGSRt6g23oRxdhV350trqX08HX/jny/s/N6e2gO+"
    "RhdsHV3LzpTqZKb8ZqBVeQ+eumO+Bpv+D/3ByMLsfXN8P+tM9zi/nXc/OyO7rsDyFBWHDV"
    "KsTSg5+049o2mCwtbOtEUxi37PIGt4w2Gmh6OxJTW6EgvgTbsOhIulKM91uQbK81233PUH"
    "QF3823JGhB+peKp6r3XEW7uzlymqlgBNZTKG7EAJTB09mj7zg9W0WCp2U+xgYH99bhAONq"
    "Q3tlgstCsacZCS5v2WxxO7iclguN3B5YXfJU7t3DquvQoasIqq4u2pRH+goMaEEEcLbJjN"
    "1RggMNpZ2suXYyvFZ1o4weFRI0Ltr0XadIQCSrlak38XvxJV93FDbf0jtir5nctdZFHgNC"
    "DKyaGf1aRJ+AfsEaONR6FZa8bI++GI+HMRn5YpDcVj2Dk7/fnHJmsEq6N4nKmLzmay4yJu"
    "/wYssrBwbV05Ij44KONC7oGLvTy4UFHQs6h9yX58e49LChP2L7uSVQmpJV2nn6UxB/o0Vr"
    "b828yLRkL/0hIk9YQ5QgAiV+rBKDYYWRw35i+xcHeZHSyCZP6fSK+zQkPLgvTB8ZtJE6ve"
    "+PiNfcxD8oE5soXls0TLMVUPq6r0y1VRsl8PiCJVo3/VFvMLoqiXNAdo78i7nZ6w8HX/u3"
    "EOQQXs7Nz90Bj3vw/ieH1+tEPfjjScCnzJ1dUZLG7Omq7LQpQ3Wo4vVehplW5sQ5Eak80C"
    "sNcXIhSCGcr4ELyKWbuD7+wrSbmI8LbNvETrM6O6NgnEomFCyfUNAXM3cycyVp5Qir8wiT"
    "5syfgs0JZamoBpQgkxEYwjQJJTGN0EhA8yMwQjPBniEYDd1y1E4EA0S71vYkYDiyZ60ifJ"
    "u3Cy4FcXxGrNORrkkmZNsco3zabnOM9pMip73MboeI3HGboBed8ovDfqgU2XiJmWjoeMev"
    "8J2EopNcStHPzbnZAw4wcm6UdDC7+d1jCggn3895dV8q1Rk168zPCFyV8KFIN9FKdyixn9"
    "tINTV2l1gFz375Ix59s3mmtEC+sgXStUsFofjV67w5a9fg/bdnRbKbQ7WcvFxnqRznMtf/"
    "q+X6x0zxEqzZOVtVQooGdvDTTpH+zWplW8Y7MoP/z6kURxbskmyOU0oLV525XK9dEvVlrE"
    "yBvjeslUfrZwC+UWbSoO+QiSUagtIQ4F8iuCfzLNWktamAil38NNUJWTN9FLRdrhOvWOOM"
    "ZTwmR/X15XZ42ClTbnloDns/BotqOqqn2KmeDr1UXUdwmGr1jwAtfcB+6Rocswr1v+va90"
    "Cht5lOjtmnhu0wcgwdklWg9vMhTmKVKnfl5+sBVEKtZHvIT0BbZ/2kNZt0r/rK9Mttf/Jl"
    "POwpt/3u5RcI6uHhzCd0xbBaEUM7seE4YazNzTTFZDz8KiZxiPEINN3ZdKxMxzfK7EaZzC"
    "4v+/0eECx5uLNzwiUdSizFtU4cd7nEWEtSBbFGIpI7VTewlhzwRfSs6nOnQ09Kd5jfJuNR"
    "hszt109K2/qSov8iQ3eOWHAQgQpI5FsPkoaCxKCFBpLWA6nZ7sIKqfNInUfqPFLnqTfwB9"
    "V5ugz65aol0Hb8O7l6jrqpU5vN35nBuMIJUODV9jv7fqJ/7YNvsyV+UNyE/p9sV0SEpM6y"
    "/q7OtkNkyoJBVQJhv3oD0T0tdMDQac4BQ6fpA4bYE6kwxChbD4mQSFWkpCpSYkt19YvZX/"
    "8PkiTHnA=="
)
