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
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE';
        ALTER TABLE "credit_usage" ADD "reverses_id" UUID UNIQUE;
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        COMMENT ON COLUMN credit_usage."kind" IS 'CHARGE: CHARGE
REFUND: REFUND';
        ALTER TABLE "credit_usage" ADD CONSTRAINT "fk_credit_u_credit_u_11b99fad" FOREIGN KEY ("reverses_id") REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "fk_credit_u_credit_u_11b99fad";
        ALTER TABLE "credit_usage" DROP COLUMN "kind";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
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
    "eJztXW1z4rYW/isavtztTG5myybZlLlzZ0hgU1qCM4np9rZ0vAYLcGMkasvLZrb7368kv7"
    "+BDYbYrr4kRtaR7Udv5zznSPraWmENGtb5jW4YOlpINpniL60O+NpC6grSi/QMZ6ClrtfB"
    "bZZA1KnBJaZOVgUHeacWMdUZoXfnqmFBmqRBa2bqa6JjxGS6YAUJNAH8DBEBeAM1QDB4Ij"
    "QLzb0xdUIgAjoCZAmBRV8N0AKRRcukBQDVAjqxgAG1BS3DxJtz9lQNz+hj6Zsc6wE20v+y"
    "oULwAlIpkz7m9z9oso40+AVa7OfvLYuoxOb4IPiFKCp9zGrN/rf+YHnXz8pch4YWgVzXWH"
    "6erpCXNU8bjwe9Dzwn+7KpMsOGvUJB7vULWWLkZ7dtXTtnMuzeAiJoqgRqIfyRbRhuhXlJ"
    "zufQBGLa0P8OLUjQ4Fy1DVaLrf/MbeRAw5/E/lz81321UDZFGUmy8tSXFaWVqHT2CrFqcp"
    "NmGLEGoyPCUPz6zSk3AISnttgDbn/sPr55d/UdhwBbZGHymxyu1jcuqBLVEeU1EqBsW+oC"
    "KsWwDsucFnEPrIrBG8A5U9HMHQnyohkSOQBMFyofSy9LAGYw5tQGTT5MKfxXAtDbpWqmAx"
    "qVimFKX3KfpvnKcLZW6hfFgGhBlvTn92/fbsH3l+4jh5jm4hhjOuc4U9LIvdV27kWxpp9K"
    "iqDs5W8gvlcXOeC9ushEl92KgvtZNeyUNjxAJB1cP38MXfq+dUR3wV7i3+3vL95fXL+7ur"
    "imWfiL+invtwA+GMkxNANtItlY+8hecUwH9BXYyJrANpA+XdNtPfRHvcHorqBu4Il1gHsx"
    "QU/9kdwB7O8EPfZvpdHtYNjvAP8yrvLlGk+u8gwnV9mjyVW8vbsKXkodZTb5sMjpWv3bmj"
    "T5uNqcwLVHgSH6CqaDmyIew1hz5c+9ixqOM1sQlQf3/Se5e//Ail9Z1l8GB60r99mdNk99"
    "iaW+ibd4vxDwcSD/CNhP8Js06sc1GT+f/FuLvZNqE6wgvFFULYyJl+wlRSrcUC2iQNPEZr"
    "KuZVqb6fUcldprfKuPIin3f5Uj1emNSG/uu79+F6nSoTS687KHRrDboXQTV+BNyLDZo49F"
    "JUX3qnT3spiJULyOQ2IlVHCNulrd6pdApNKqKsZrRITKJDaqW7E7jHFGzs2fU4kjB6wkvB"
    "+wCfUF+hm+JNTwGKQupyr7BdUT1iA16NKmuvEZzWizot9PvxoSx2DpPt12e/0Wx3mqzp43"
    "qqkpEcDZHdzGsRQ/b/LWqr2Kp6hIXXB42Hewt3aRvzWhppMb1eAVlEJ3RzOcbaO7ZzyrMg"
    "3l3Ul3f1yqBKjAwQcsVQvYFtQAnnOaeU1LAqph4A0rkZHSGEHg0upgDU0da0mGu4QyJ2iC"
    "5CVkBDfQLU6FM/p0qloQLGyKeoc+YEZtzQVk9+k1RvTb6UepBhg/sPGPPe8Te/AnKk5faG"
    "Vb9GV0MqGKOIXEeOHPpQ84AxbmbHxQ5GaJ6YMeKZwWMPDsGcAva52iC2YqQpgA/Bma1hoi"
    "LYt9/z3UN51PUmgfNF2uPcTLC+r9Van3SN0UVETiskLdrLQ64lYX7bR7VrQrKaq50tXMRv"
    "wClJeXXdBdcbrLmQqLYBmSEHDG4Zy+OGgk4PzpSRql4xkSiQ86+oyAv4GhW0fDNTS7T23d"
    "IDqyztljX2OCZxBtZ5nihFJsYGEFxFkmpsKxV8zfvkMSon3H27ew9oW1L6z9XNZ+j75sK9"
    "PU53fPctj5mpcxn5HPrN2FySzytapza5ylOHM2N4GJY7abkA78GljonyGLNQPsyzNs/IOK"
    "9Ex8nwr4l0WLMQmz5z85UIxZkNP53MQrxc/16Rx8dGPkNjpZcmrAe2IoaG7CegGBKx5jZ4"
    "ZD6LJNdh5TxbsF+yZhqlfLVFdX2E4b/rK92b6AiOBImbB5Iy84X4dlxHQdj96qUBhnbQHd"
    "ov/4w/OB6k9obqkvtDt1oHDLSleBEoNBadjemc3WL8PDYPXUSwf9TP3Sr5ydCqbfKHZrmE"
    "7RFtX/AMFrpgkyRSzm6nmjgrVtUmWNeYPW9IvPqG64ptodZsXQHzSz9qdtEaa1fZfUOY/1"
    "kDyrJwLjy4Qr2jTYK4l1E0IjbJJGGLTs/JBGZASqKaiuTR1Tg/WlAKhhEcE0xgF1fPHWHq"
    "FjUUkRPVZlP56F6SyeseYoxwIDX7rKa2NaD2Pmxnjqd4B3NUEPj9K9JA+kUXdIk4MfE9Tt"
    "/TR+ku/56oPgeoIepeFQ+qX/2AHeVVx1ep0VCCZUrTQHS/aCpkCiCXHTUXwvc60Yu9yyYu"
    "wyuWLM4suGldkSzp6xTRQLWsxFlcpCZMO+vZRSquJV15VGK6J9eZmjImiuzIrg92LeRKxr"
    "e4WsRwTFlFTlKUmsS8juYfQDNQkZL24LrEm1u51FhLELx3YVYD2uYzsAnHmOU9aF3rhiH3"
    "5+hIZK0kNdUn3VDYH72/HJWcftkEnO+l6JneSs7w3ZTc5KTpy7R5hySXcHmQ7YMBf9RrVc"
    "J7p2xnaj2Szx6gzMsUmv9NkS4OmfcEaSjGypJe8Io6dq0mqN6e/Zi/IMXxLu+XDe0HxLc4"
    "XvOM9jPUiwt6/L3qZHQ2YbKRmhkJUy6Pe0SMrf7EJQ4+VyjtEYpAK4JgUFoRsHNxiTCwy7"
    "ESGxaVMU0Wc9bZVLPurUkz3hzizsy+76yekrlB5zN/MbHeD8Z7uwfBiPemwLFvZ/H/bzOs"
    "cIfJ05AF8L6vPk1GdcHyyAdYpo80A/Cs1pQvqlFlGWqrUs1rqjcs2Du3wdzmKYpWobN/oi"
    "U+EISzVJlfuh3X737n377bur68uL9+8vr9/6akfy1jb942Zwx1SQSDWkrH4TXO8/gdIX5O"
    "4RwqChWTgK2hcRmnx8wmWrDqFVENGYWImo1nSDYOF+OI37IT4SlADr2C2mlt0/R5y+P/ZF"
    "EKXPB6PxcCg8OiV7dJJjaxI3CUEZ0z9HWVFSxRF1ZzONTSg5fI/ZqLPFoNlt1cM+b4vdF/"
    "Yqt9gCbsV7uJrSmlnq61aKVzF092ybU3EVzbfLpZj9lTuceHxKEAtrK+WIM7Gxd5ytJ1tl"
    "p1xL+jhiwbH8H4uivR+MWAAt/TdB9/37G3bT+b8Pc1x+3KzgHrKhF3FmgoqoPhXRHDiF3d"
    "x0u7muoGYZzq+8BvvBUFErRRPn6Vt18LWXo1TtW+jaVdK1i56jVe4JWhVahHOU87PCb5YA"
    "OfvEjphYE3zT2/TiYxzZ4a4gW5v6DCorjMjSKBSRkSXfhLo4QVhGBL4XqJoHoB+IC/BzgS"
    "/M9Wz0m2WuJ4yhPK6ZOa1j20zzMhTxzjD18YNTUg3bQSbZHRnE7Klf+IFoORblU6jAJoF2"
    "bPPFa2cZVkyoGW43ZpR5KGfJLgXPWOLvJxwKwsipSq89dlQo0UmWuyaDIvYEGghvO5cV2d"
    "5iRbaTVmT2wrTd/rA6LFJrDagFN+71ex3gXU0Qyx+kh39N0L00kn8c/q8D3IsJkiWZ7U7D"
    "/03QeDQc3A9kJuhfVsOTdtozn6tm+pS9kRm29HRqJXsjs5CIWPeW2G8PGwY7SUyhvaAAqH"
    "Ex0VZT2ipTP4tpeyER4fnb7vnzlO8DHVSeS6SekO50UIUaVKUcVCZmK2dbadade+tsq2UX"
    "ynRMT1XWfg7CuBPGXYOtD+HDEsfOV67d14S3z7Xkz15re1ZzVLKB1VxTd01KtSecC14Xnb"
    "4UNAsSgmKFojj47wiQikDL0wdaBn27BHCbvUwxMQwesFiRqNbzoQ5eWkSD2vFRXbpPPLqn"
    "/xmmnwoUvn22zfB3o4Sgn3PnxpNddvDODFrsKB7nMWADp0uMnwEvpQM24aMc2dk+cD6HM8"
    "IPj4TqbMkOg6RvZOi0BEy7X3ILyiM9o+RI2m17EZVnHVcovrPESCuxheRrxdP6PWsPYyku"
    "K8ylqphLJUS3HXO64lN7yjzlTfnZExTxcrwGLc22GQ5R44KxrgxjLSJmBGd9YgX/hOsuVG"
    "Kn2FI5T8nypU+42ass9aSCAwiXYeFGPWmCetJgdNcB/B/7NeqzH84s+Mq7vgoPwl4do0K6"
    "kfAg/CNVYuFBeE0Pgqs2F43XikgJH4Jwywi3TEXo7LPD3DIhM/rQCMOgpIZCGx0FhcurUi"
    "6vo9JkzqCRRpT5w8kWqizII3YbaSzzZRn2ogjx5eVvnDeq/GV4Igz2uJSi62ye2RbBq4xd"
    "3HYfaB2VFgdZ59jNgjvNlf3OHknKNmbRlzh+pDKDTz0pplL3FME2meKUNYNFQqhudMOgOE"
    "t+UTVrB7n2FJmqBjNhStka/8Ypq6lQLUyVZS8BqDuzWXRGlPxn282XAlPejetrCVOwofyB"
    "WEV3sG8iVC6Fc+gGUY2juqJ0togZPihmOH2brWxA85/CsddeWzWhBIsexpGCRSZBF0dsF1"
    "mnxCtOMHcNZu5qF9dTvHe2urfy4Jd+Bzj/J0h+HHSHPLjHu5qgh+6TrPTGNJd3xfYbeugO"
    "+GZD7P8EDUa30v3DsC/3+Y5G7vUE3XZHt/0h25bIu2rlqtKjn+9hmyYjStbQ1LGm0Noyi5"
    "v5GWU00OCviYGfK3QoVm0w7SCsQhUPUw9rF9VerWp3+ejwDL4fo51SgmC182+Q7RDU+5Or"
    "W4opoQdWUyluRAcUIZvZva+efHqekE2xC1yDQwqrcGxquQGFYlu9XBFvGdvqPdLR4nFwKx"
    "cLyNodzlnwLOD9gzmr0KDLCOUsL8aNxxemEGhe3GE2ZUbvKN4xaoInay5PBleqbhSxo3yB"
    "xsW4vWvnCcOiuTLtJn4vOuXrlkLHWzLH5orqXSs9zWOAsQFVlNGu0+Rj0E9pAcear/yU07"
    "boG0kaRnTkm0F8MeeYnTf85nteGTST7gyiIhKo+ZZLqZFApw9HqCZLIaIRahqNUMfmdLpg"
    "hLqgc8yVLl1o6rNlK8UOcO9stwSCPJWxAzIDqFPNgJSgabdZVFczLeU4h2y1/zMdg1PDV7"
    "IV/5BIlZ3iVXKasE5VAGE3ewPRPcrmavSJBKYRTj89SaMMjT4Qiavz+oyAv4GhWzWOAEwD"
    "l4ER0dkTu+bEN8iJKeOsgJs03vWUyza//R8zKGxB"
)
