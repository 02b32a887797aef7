from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "credit_type" (
    "value" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INT NOT NULL,
    "refundable" INT NOT NULL,
    "usage_unit" VARCHAR(64),
    "meter_event_name" VARCHAR(100),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* One credit type. Its `value` names it everywhere (ledger rows, errors, usage by type). */;
        ALTER TABLE "credit_usage" ADD "object_path" VARCHAR(512);
        ALTER TABLE "credit_usage" ADD "quantity" INT NOT NULL DEFAULT 1;
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "object_path";
        ALTER TABLE "credit_usage" DROP COLUMN "quantity";
        DROP TABLE IF EXISTS "credit_type";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "credit_type" (
    "value" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INT NOT NULL,
    "refundable" BOOL NOT NULL,
    "usage_unit" VARCHAR(64),
    "meter_event_name" VARCHAR(100),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "credit_type" IS 'One credit type. Its `value` names it everywhere (ledger rows, errors, usage by type).';
        ALTER TABLE "credit_usage" ADD "object_path" VARCHAR(512);
        ALTER TABLE "credit_usage" ADD "quantity" INT NOT NULL DEFAULT 1;
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "object_path";
        ALTER TABLE "credit_usage" DROP COLUMN "quantity";
        DROP TABLE IF EXISTS "credit_type";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z4rYW/isaPqUz3J0Nm2RzmTt3BhJ2S0twJnHa3i4dr8EKuDESa8vLMu3+9yvJ72"
    "9gExuMqy9gyzqy/ejtnEfnyH+1lliDhvWmrxuGjuaSTab4W6sL/mohdQnpQXqGNmipq1Vw"
    "mSUQdWpwiamTVcFB3qlFTHVG6NVn1bAgTdKgNTP1FdExYjI9sIQEmgB+hYgAvIYaIBg8Ep"
    "qF5l6bOiEQAR0BsoDAoo8GaIHIomXSAoBqAZ1YwIDanJZh4vUbdlcNz+ht6ZNUdQMb6V9s"
    "qBA8h1TKpLf59AdN1pEGv0GLnX5qWUQlNscHwW9EUeltliv23/qD5V29KM86NLQI5LrG8v"
    "N0hWxWPO3paXj7gedkbzZVZtiwlyjIvdqQBUZ+dtvWtTdMhl2bQwRNlUAthD+yDcOtMC/J"
    "eR2aQEwb+u+hBQkafFZtg9Vi6z/PNnKg4XdiPxf/dR8tlE1RxpKsPA5kRWklKp09Qqya3K"
    "QZRqzB6IgwFP/67pQbAMJTW+wGNz/2Hs7eXf3AIcAWmZv8Ioer9Z0LqkR1RHmNBCjbljqH"
    "SjGswzKHRdwDq2bwBnDyjqXwswSgNwvVTAc0KhWDlD7kPmB6CQGawaBzADhbS/WbYkA0Jw"
    "t6ev727RZ8f+k9cIhpLo4xpqOkM4iO3Usd51oUa/qqpAjKXv4G4nt1kQPeq4tMdNmlKLhf"
    "VcNOacNDRNLB9fPH0KXPe4roztlD/KtzfvH+4vrd1cU1zcIf1E95vwXw4ViOoRnMf8nGOk"
    "D2kmM6pI+gohlMYBtIH67ptu4H49vh+GPB2cwT6wL3YIIeB2O5C9jvBD0MbqTxzXA06AL/"
    "MK6k5BpPrvIMJ1fZo8lVvL27KklKHWU2+bDI4Vr92xNp8nFFL4HrLQWG6EuYDm6KeAxjzZ"
    "V/4x2c4DizBVF5eDd4lHt396z4pWV9MThoPXnArnR46iaWehZv8X4h4Neh/CNgp+B3aTyI"
    "azJ+Pvn3Fnsm1SZYQXitqFoYEy/ZS4pUuKFaRIGmic1kXcu0NtPrOSq11/jmaomnUKeD3+"
    "RIdXoj0tld77cfIlU6ksYfveyhEexmJPVjHW1mQobNHn0sKim6V627l8VMhOJ1HBIroYJP"
    "qKudWv0SiFRaVcUs8YhQmaZ4fSt2hzHO6KTnl1SqwwErCe8HbEJ9jn6Gm4QaHoPUZQFlv6"
    "DThDVIDbq0qa59Di7arOj707eGxDFYeo83vdtBi+M8VWcva9XUlAjg7Aru4FiKnzd5adlZ"
    "xlNUpM45POw92FO7yN+YUNNJXzV4BaUQtNEM7W0E7YxnVaahvDsJ2l8XKgEqcPABC9UCtg"
    "U1gJ85MbqiJQHVMPCalchoVIwgcIlgsIKmjrUkJ1tCmRM0QfICMkoW6BYnbxnhN1UtCOY2"
    "Rb1LbzCjtuYcsuv0GCP67vSlVAM83bPxj93vM7vxZypOH2hpW/RhdDKhijiFxNjw+9IbtI"
    "GFOX8cFLleYHqjBwqnBQw8ewHw20qn6IKZihAmAH+FprWCSMviiz+F+qbzSgrtg6bLDoeY"
    "ZEEWH5UsjtRNQUUkLivUzVqrI2510U67Z0W7kqKaa13NbMQvQHl52QXdFae7nKmwCJYhCQ"
    "FnHM7pxkEjAedPj9I4Hc+QSHzQ0WcE/A0M3aoM19DsPrV1g+jIesNue4wJnkG0nWWKE0qx"
    "gYUVEGeZmArHHjF/+w5JiPYdb9/C2hfWvrD2c1n7H02VP3qGre9cbuew9Od+zp12vlO0RW"
    "1eQPCK2cbMpo7Z4mcqWNkmncaZub6ib9ymJvHKxEvMiqEnNLP2J7WjlxCRH5KGf1U3yeOQ"
    "FfQOEy5p22CPJFyxjmtdq0tsp41Y2QvQvoBwukiZY4OWnR/SiIxANQXVFbXuTZ1sCoAaFh"
    "GqYBxQhyy19ljbi0qK5b06Ey0WprN4hlNoDg8wX7rOzout+ydmZz4OusA7mqD7B+lOkofS"
    "uDeiycHJBPVuf3p6lO+4e1hwHFeTjuMOZkLVSrN2s71LA4kmOLFE8b3M5b57ucV99zLpvm"
    "vxqANltoCzF2wTxYIW4wtSbeJs2LeXUkpVHNUtPVoRncvLHBVBc2VWBL8Wo3awru3lPxQR"
    "FNNPnacf4SSW3cPoC2oSMjZuCzyRanc7i/ApEixjHWA9dZZRptXxwLtRBs/oZWjnYBq9da"
    "jdRKOEIHCEABN6A4bEAp95MM1nwJ6DhVwydxtzs15AE4KzIPrSagPuOE3/eUQemG54ISlU"
    "Y3W32U02ZrKKGSFG2bpeVozRnkZQjfS6suK3ssnFoiGJDQ5G7OSyZjpbrJlO0poJP1kC5u"
    "zwh5jYAeO7jsCNVxL+IFjzslnzZxtp/GUTmPYxNqCKsgiQsGAM2ymVrApcP+WwrbkvSaNI"
    "a+4P48316a4/eDg7502bZtIdfSeJuRNQXzieOSLVPNap/KBmvvmFsl+Mfpps8zCvJFBfkA"
    "/Z6DeXfLBX2p61HpUUtV6XWk9hGvnTJ/iRYxryT2xWbGWa8c7ldg4j3vZz5rLiWeyN68Lj"
    "mMmOBd0FaxZOs1YtN1pGa7Mtl9YLvGyDZ2zSI322AHj6J5yRdMO9tJJ3RN7oGlyuMD2fbZ"
    "QXuEkE34TzhgZm4TZ0XLehdD/pbEUmw0m6CZZ9+RqjsC7LtS6fTbxUfO/GArgmBYUnURzc"
    "LzYdnYu5ZoVFDgfoeRzQ8/qA6MyXBdfMIkKvmMJqZhu+ZsJKILpS6RhdYJ6KiTXP1r487+"
    "TxqjnvZHvVsGtRsONKXAHAU0SbB3olHjQmpG9qEWWhWoWaeFyueXCXr5FZDLNU3aGvzzPn"
    "ubBUkxSzf3c6796977x9d3V9efH+/eX1W3/+S17aNhH2hx+H4xh/nRLlKpi8f4K3mPAbKl"
    "0Jsi1oFt5m2RcRKqXwwjqUF1a81ZYA65NbzEk21Z2YhvppBFF6fzB+Go2O5dh2B5dTaFoL"
    "fdVKocNDV9vb2PBlNN8uLjwb3R3sM29qYr+nWlHLJk7zAskXsuTJ1plmbkm/jgcPXcD/WE"
    "DS3XDMYpHo3wTdDZj3Rhc4//GVmeOEJQn9Oxv601xTFW78/yx1vDlwCn286fr4qYKapZAf"
    "OdDk3lBRK0UT5+lbdfCVl6NU7Vvo2nXStY8boFGjWJhKXFCPGJ5RT1bjYPEZboD+ytRnUF"
    "liRBZGoVXJLPkm1MUBliYj8G2gar4C/UBcgJ8LfGGuZ6PfLHO9gAt0yBmO1rHN7ptoHH1X"
    "8sPPD9BQM6afkPr4wSnpBNtBlk4fHcTsqV/4K9FyLMrHUIFNAq1q88VrZxlWTKgZbjdmlO"
    "dQzpKXFDxjiT+fWFAQRk5dem3VnlFEJ1nLNRkUsSfQQHgrCfLPDrXYvR52CmEXrSG14J5u"
    "B7dd4B1NEMsfpIfPJuhOGss/jv7XBe7BBMmSzDb6438T9DQeDe+GMhP0D+uxknbY7xvXzf"
    "Qpe09YbOnp1Er2nrAhERHJkQCU6UjFVJKQiFie2r485WmIr1xF8Xj704R05ypKqEHVahXF"
    "xCwupJVmgriX2lvNj1CmKpdTRLSssEDq1vWbvQ9WzZSsQy+0CLJ5r6qoEbmcKzZDbKuSPb"
    "yd5ppCSrUnGHCvi043Bc2ChKAIJRFfYqsAUuENeHhvwKBvlwBus2N0EsNg4UidUHtWrZfX"
    "rkLSIhrUjitdd3zkLigDtvFiK8XoD19ubzP8XVcW6Ofcua1Xj31obwYt9uk95zZgDacLjF"
    "8AL6UL1qZOaKcFa50sAPuWH3x+hjPSBhYGUJ3RNAvQJzJ0WgKm3S+5wVdF9yjZ3XPbphHl"
    "Wcc1ckIs0R1I7Nx1LKdPv2ftYSzFZYW5VBdzqQQXrCqnKz61p8xT3pSfPUERL8cxaOk2+B"
    "SmxgVjXRvGWrh1CM76wAr+AYMDVGKn2FI5v4rpSx/wuxmydCsVHEC4DPOJuZUm6FYajj92"
    "Af9jZ+MBO3FmwaK94TpHX7jO7AnXwl1drCCIFYQGqMRiBeGYKwiu2lzUXysiJdYQxLKMWJ"
    "apCZ3dft2yTMiMfq2HYVBSQ6GNjoJiyatWS16V0mTOoJFGlPnDyRaqLMgjtsRoLPNlGfa8"
    "CPHl5W/calT5sWLCDbZaStFdbJ7ZFsHLjK3Gdu66EJMuhWCsUauuZMsF5wON+20Sn5RtTG"
    "SS2Ce+NoPPaVJMpW58gW0yxd9SOmcBF6q+bhgUZ8kv6sTaQa6NL6aqwUyYV3qbOV8+7Dtl"
    "NRWquamy7CUA9dFsFp0RJf/ZFyRLgcn/kmYTYQp2PX8lVtFt1psIlUvhvHYXo8ZRXVE6W/"
    "gMv8pnOH0vqGxAJQRlTH8q2hDqRCjB73uRchEsMgm6OGK7yDolXnGCuWswc3dyfj3Fe2er"
    "dyMPfxl0gfM/QfLDsDfizj3e0QTd9x5l5faJ5vKO2KY4970h3xGH/U/QcHwj3d2PBvKAb7"
    "vjHk/QTW98MxixvXO8o1auKq38IxS2aTKiZAVNHWsKrS2zuJmfUUYDDf4TMfBzuQ7Fqg2i"
    "lNG0UMW7JYhqr3W1u3x0eAbfj9FOKUGw2vl3cXYI6v3J1S3FlNAD66kUN6IDCpfN7N53mn"
    "x6HpdNsQtcg10KjzplVeJQKLbVy+XxlrGt3gMdLR6GN3Ixh6zd7pweE1a5M2cdGnQZrpzl"
    "+bhx/8IUAs3zO8ymzOgVxfvWl+DJmsuTwaWqG0XsKF+gcT5u7zp53LBorky7iV+LTvm6pd"
    "Dxljxjc0n1rqWetmKAsQFVlNGu0+Rj0E9pAVXNV37KYVt0X5JGER25P4wHcz6xj+KenfPK"
    "oJl0ZxAVnkDNt1xK9QQ6vDtCPVkK4Y1wot4Ip9icDueMcCroVBnp0oOmPlu0UuwA98p2Sy"
    "DIUxs7INOBOtUMSHGadptFfTXTUj7nkK32f6VjcKr7SrbiHxKp86J4nRZNWKcqgLCbvYHo"
    "VrK5Gr0jgWmE00+P0jhDow9E4uq8PiPgb2Do1gl7AKaBy8CI6OyJXXPiG+TElHFWQD+Ndz"
    "1k2Ob3/wNffRok"
)
