from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "credit_reservation" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "quantity" INT NOT NULL,
    "amount" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* HELD: HELD
COMMITTED: COMMITTED
RELEASED: RELEASED
EXPIRED: EXPIRED */,
    "expires_at" TIMESTAMP NOT NULL,
    "object_path" VARCHAR(512),
    "idempotency_key" VARCHAR(255),
    "request_hash" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "usage_id" CHAR(36) REFERENCES "credit_usage" ("id") ON DELETE SET NULL,
    "user_id" CHAR(36) REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_credit_rese_tenant__4e8b01" UNIQUE ("tenant_id", "idempotency_key")
) /* A hold on `amount` credits of the tenant's pool: counted as spent by every other charge */;
CREATE INDEX IF NOT EXISTS "idx_credit_rese_tenant__94f407" ON "credit_reservation" ("tenant_id", "status", "expires_at");
CREATE INDEX IF NOT EXISTS "idx_credit_rese_tenant__1f4ff4" ON "credit_reservation" ("tenant_id", "created_at");
""",
"""
DROP TABLE IF EXISTS "credit_reservation";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "credit_reservation" (
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "quantity" INT NOT NULL,
    "amount" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "expires_at" TIMESTAMPTZ NOT NULL,
    "object_path" VARCHAR(512),
    "idempotency_key" VARCHAR(255),
    "request_hash" VARCHAR(64),
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "usage_id" UUID REFERENCES "credit_usage" ("id") ON DELETE SET NULL,
    "user_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_credit_rese_tenant__4e8b01" UNIQUE ("tenant_id", "idempotency_key")
);
CREATE INDEX IF NOT EXISTS "idx_credit_rese_tenant__94f407" ON "credit_reservation" ("tenant_id", "status", "expires_at");
CREATE INDEX IF NOT EXISTS "idx_credit_rese_tenant__1f4ff4" ON "credit_reservation" ("tenant_id", "created_at");
COMMENT ON COLUMN "credit_reservation"."status" IS 'HELD: HELD
COMMITTED: COMMITTED
RELEASED: RELEASED
EXPIRED: EXPIRED';
COMMENT ON TABLE "credit_reservation" IS 'A hold on `amount` credits of the tenant''s pool: counted as spent by every other charge';
""",
"""
DROP TABLE IF EXISTS "credit_reservation";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z4ji2/isqvkymikl10p3uLLt1q0hCdzNDIEWge+4OU47BSvDGWB5bDp2a7f++kv"
    "yCX2RjgwHh1pfg2Dqy/UiWznnO0dHfjQXSoOGcti39N/jaaIG/G6a6gOQgcaUJGqplrc7T"
    "E1idGqyoaunKs19o6mBbnWFy+lE1HEhOadCZ2bqFdWTSwm2Aoama+CcHtO+6gMg1gYORDT"
    "WgOgDPIbj/3P7l/OI9QI9Axw5w4MyGuAlM+AJtVsA7c0rvp6EZuaFuPlVftWvqf7lQwegJ"
    "kis2ucEff5LTuqnBb9Ch//7R8O5HSxMxFUNNUXHjT1rMelYedWhoMUx1jRZl5xX8arFz43"
    "H35iMrSV9nqsyQ4S7MVWnrFc+RGRZ3XV07pTL02hM0oU1vG4HbdA3Db5jglPcm5AS2XRi+"
    "grY6ocFH1TVoozX+9eiaM9pWgN2J/nn3f/6jRYopSn8wUu47I0VppNqYPkKibfxTM2TS/q"
    "GbmAL493ev3hUg7GyD3uD6c3t48vb9zwwC5OAnm11kcDW+M0EVq54oa4wVyuw3hfP1XLX5"
    "OAflE0iTB90E4+DECuTVhxDAFwC0A0gbC/WbYkDzCc/Jv+dv3uRg/KU9ZDCTUgxnRL5c74"
    "vu+5fOvWsU7xW+lg0f9W9lEF5J1BDjs/cFID57n4kwvRQH2BuElLnqzMugnBCrBur1Q8be"
    "gH7/rgDQ799lAk0vxYGODNopnG/IFawvIB/ruGQCas0XPQ0OjrCP50A96t527kft2zta/c"
    "Jx/jIYXu1Rh145Z2dfE2dPkv0/rAR87Y4+A/ov+Peg30mO92G50b8b9JlUFyPFREtF1aKY"
    "BKeDU7FmNlQHK66zUUMnZStoav8Lki1dfUvb8AU9b9TOcUnZyiK3cjD4Tl+Vchp1SrBK5V"
    "rcBl6rS6+g9QyakrDGhCSkBFJqAT4+c62TlckYh/cjsVP1J5MY2wzkLnkS1ZzxDBPfMh+F"
    "FR0nrKuzq9HSVpeh2RzvVuT9yVtD7OnA7fvr9k2nkTEqVADu2IHHaJkUhTY1EPLhpd14qs"
    "6el6qtKbH+TK+gc5Q4E5ZNX1qcL5JnVFN9YhDRd6FPHlBOZOwfIWtsNXh8VHixmUtJ0fkD"
    "I0txrWK01GgOV+wRlQZE+hfXAg7EmEDugBNkQmCjJbAoV8SKNgEivYgW+TnNRlVS43oSSp"
    "JNByWbSKuR9+dAfYWQAVWTj3ZEKgH5lIgd78DDA/dqMOjFNMur7ihhoo9vrzrDkzOGPymk"
    "e8NQtz9KaCdTaBBNkQxemo6dNORdE/PhTsklQNePch4lz0t+fjk/e/fh3eXb9+8uSRH2oO"
    "GZDznNkkbXsvUZ5Kp+eczeSqaG3N75xUUR/vTiIps/pdfiONM7kBFfWSATcwi+zF6ckpO9"
    "mNeL1Q2ZnpigJABEJgBcS9uQt41LSt5W6GYWi4w4qCekQiqijFG3nrYYmHCEyJ+dkxYiwF"
    "8FZbEDO7mNMVxYuJFnLgdlmgWtZjJCrgTWWs+kAwD0+PiLAx2HmnOW+rqAJgaPyAYq8BRv"
    "cnL2/E+gYrAgvRRQ2/eu07/p9j9F7N+0GV1t1cWDOvxGDJUt0rOx6zRI6T+CY9pj4TccQC"
    "VjP/YzojVzzHELmhq5q7LR1MEV3qINkhqgCEPYlv6BDJsl20DMMlbqYB3mGSaBbfgh0zL8"
    "kAr7CEeVNLgd012kpth49EcoLTLSDX9cbgUD9MS8H19fdzo3nZsWCA8n5sd2t0dPeb/JWe"
    "EwcTmSINkPQVKe4JPUXj4poi6Qy9PeMwFdCWyEp2DcR9VwzlzbhuaM42jMHgiiMhsNBKJh"
    "GhsHLguMApeZY8BlaqT1lHyF3AxmqHE5Qy5PuBLIBQqG3MnA+2SXV5qjMhXqyuLSaCW05U"
    "dVN1ybE4w+ImYjH86ISB1GiTw6svP7KMZEBl3z5Lb9+88xNrI36H8Kike68nVvcJUcmQ1V"
    "X5TSHEKB/SkOb45kmkuSGylU87l2jrgk3IUm3GU8/A/RzI+6qTvzjdo5ISrdpCK3s1j+M3"
    "EbVgbzbg1r5Z6xvUWbXumGQV5w4OIp+tbguNDiBZp5/rOpV1RBq7IF1kMvCBA2gC/Uq4WW"
    "UAMYgXuCukVKL22dKFAm0E1veTJ5NAKvajqq56hRHbaQ2YDaE6nDRkvequjqb1DEjSadZK"
    "I6yVyHfAolp4WojIyqiGvNdGg3OEZnzkKklYjkTOJosmFKKbuGPy5VQ0fLWaGV/Gc5K/nP"
    "0iv5yatylJdslIPyNcS3+sXlL6rhcvpwJhMVlpceLA4XdXzO8cDVXVI34HnIO/1RC9C/E3"
    "PYuR70r7u9TguEh0mV7zDecV/BK0O+RkUk/Srp1x+cr2G5JqBtI7uMxyguJZ1GGziNJO39"
    "I3xeDjURyrdxREzS3SK3r6S7Jd0t6e41dPc1i5S8Ug3WQBy6O16gmUd3e1GXyjRSdi3d/X"
    "WuYqD6SzLAXHUAXXUZJOS0SE1ANQy0pDVSUpqu5fBpdbqWQ0damuGuoM6JOTFpwgaajUH3"
    "coVS+nSqOhA8uQT1Fl1sQmzNJ0ivk2NkkncnL6UaYHxHxz96vwd64wciTpeiuA55GB1PiC"
    "JOIDFegZ/uoQkcxNj4VZXLOSI3GhI4HWCg2TOA3yyd5i2dqaaJMEAv0Hbo8oQs9j2aitR7"
    "JYV8g7bPtct0EaJQ77G2KamIJGWluim0OuI3F/loN2xoX1I2s9DNTEf8EpRXUFzSXamgej"
    "YVlsEyIiHhTOXKefXQSMH56/2gz8czIpIcdPQZBv8Fhu7sDNfI7D51dQPrpnNKb3uICZ5C"
    "lM8yJQmlxMBCK0iyTFSFo49YvH9HJGT/TvZvae1La19a+4Ws/RvysI1MU59dbRaw87WgYD"
    "Ejn1q7bHEQsFSdWeP0jDdnMxMYe2a7DcnAr4En/QXSWDNA3zzDxt+qysDED6mAnxxSjY2p"
    "Pf/gQTGmQU6njzZaKGGph1Pw1Y+RW+p4zqiB4I6RoLkJ/QowZKkpkB0Nocs22VlMFfss6D"
    "tJU10sU33fa2ZFG/yqnrAPuLhQNGiriZQTKYzzaAHN0X/C4XlL9ScytxwvtGt1oGjPWp+s"
    "25vxqsL2k11v/TI6DIqnXnroZ+qXYeOsVTDDTrFew/Sqdoj+R7NqU02QKmIJV8+JCizXJs"
    "oa9QbRFGFNohtaRLtDtBryDyms/cd1MNXaOBm8d3WTcjvL2XBBugZ9JLluQmqEddIIVz27"
    "OKQxGYkqP403IgYrJzlNJqhREck0JgH1fPHOBqFjcUkZPSayH89BZBbPWHNUYIFBKC3y2p"
    "jG3Zi6Me47LRAcTcy74eB2MOoO+u0eOb36Z2K2b34d349u2eqD1fHEHA56vcGXzrAFgqOk"
    "6nSYFQg2VB2egyV7QdNKog5x03F8LwqtGLvIWTF2kV4x5rBlw8psDmfPyMWKn5W3ZIau/F"
    "pkqq4CqbpekK5tFLIeE5RTkshTklyXkP2FkRfUBqbx6vfAI2l2/2ORYezSsS0CrLt1bK8A"
    "p55jzrrQK1/s429DaKiYH+rC9VXXBO7vuydnh9CB9ovqP3EGRRst1CxA1NqJ8gWS3MyRoV"
    "Ei9cHjxB78nRucgFUNd0q0EDJaYEYLQY2mn6Fx7xhMX2nIvP0KEKVMfQ98irHd0X0m5nKu"
    "GxB87vRugGpqgMbk+yH6/yR1LBY629KRxhp4Eg448Xej+BksaVACuUIfzSkSwE8UtIWFMM"
    "0WrDzD11RgQLTsamV7hGz4k25SsSoT0QYkhXxYCpkfkpltKWXEYwrFKmxoFlWfceMvl3T4"
    "csxnVESyyQJkjq87nseXx2QDmpHOky02W07M68HtbXc0ont5hIc0jUmv076nJ4Ojidn5/a"
    "47pKf8AzFIRYHYf9G+jSMxugtxLWj6HzjDiqWW294oIVZDFvnsvAiLfHaezSLTa/FvKqng"
    "lgCcI1o/0HfCGNuQvKmDlbnqlOriSbn6wV29JiqZ2x9i0pBUbZ2CmgUbo6rCE9ql4QxFJJ"
    "rSkbAvR0Ky11YA69iv5ii7aoGI+/A7jSFK7g/6414vCekhVjMcLbQZixlW2B4y4n5EmmSI"
    "ctZ0BgWaBZw5AcVcbJdvf8NtKnQKutgBDyxv8QOgz8EWWzL3yXIObQhOVtsGOE3AclSSXw"
    "YudbTQSjhh97u7zfrA+0z3SEY252yzKSud84ZMnUDxTFWZS9lekrLZ32uc9/28UBTfeU4U"
    "33k6ii/6ZCmYszPNJsT2mEr7AE6+nWSald6Uar0p3kJ/9rIpTK8QMqBqZpFaUcEEtlMiuS"
    "twwzP77c1Xg0Ev1puvusnuOr696gxPzljXJoV0T+FJY+7pRqW3johJSQ5xPYfIdm1SNtsO"
    "hSdbP8x3sieKpG6z0a9v0K1raRu2elxStroorc4h8MOQy5S5fihD3qNRMs34kGVZa8SH7E"
    "4xK56mOfYDIj0z2bOgW16s4lJ1/DBGrUn3ClzO0aIJHpFNjvTZHHhOb77hXlnNFcZIRuMf"
    "45GRvvte12RgpAyMFEWtqV6VlGZntWZnPENcCVzTgnK5fRLco4niPUsCeiYOiKuJrcTcFR"
    "OSrl8uojJAcB8Bgs86L2t+sRjpQHaP9DR9j0+dtMIVOZ9IX8UutID3S8OhP477LBia/iYV"
    "6yLNcFmgES4zm+BSplLYeyoFGQQrg2AFgrt6q8OhmHH14yv9KVOXi0rVyfj4x/n527cfzt"
    "+8fX958e7Dh4vLN6GOl76Up+xddT9RfS/WDJzdNCSNLSOQZQSyjJg9MJo2jdNyoFMS0YRY"
    "hageNJBKRiHLKOTj+vwriEKWGWK2yBATH0vDtCuVYJVI+1KP/snJqZOejdLoDUw4QuTPXq"
    "LgRZiD1n7YiSm4QPanbNRpsF12jw2wL9pva7b44HvJ0IFbuJiSlpnrVoMTORC52swLHFjE"
    "y60LG8h+yzWOejaJyq2NhHK224gXMFuMXg9kRXa8NwZf+zQ9MfuheYxvu32awpj8TMzbDg"
    "10bQHvdxOuvfokI5KtyYb+OMPPigQd+rFbhr7gxVJnb3ubENuIJRVsbpS7gwrJOgjBi9UH"
    "Tkni1J3EOVZQs1icA28wdmeo3LS17Hwzz7yxghKVGjbSjBHJjDnsMmGBVmTvZCHUARcJC6"
    "ac7nuVsONtj2LZ+gwqC2TiuVEqPChLvg5tsYcYoRh8r1C1t0B/JS7BLwS+ZEKy0a8XE1Ji"
    "IV5k5QVpY9fmOXDKuL+o+vjRq+kI+0EhX6HjTsPKt0TLsyjvIxXWCbRdmy9BP8uwYiLdMN"
    "+YUR4jJSv21gTGEns+6auRRo4oX+2uQ5SxjrM8YRkUcSBQQ3h3kmoqe13velfjMazxbXSJ"
    "BTe+odsWBEcTk5ZfnY/+NzFvB/3R597/t4B/MDFHgxHdepX9TMxxv9e97bL9EsJDMZyUGS"
    "nwMv1UWRnwpIOqxWYBnU+tZO/SHRGRy4ZTqcCQYaAXaCvkKygBalJM9lVOX6XqZzltLyIi"
    "PX/5nr9A+d7SQRW4RI4T0rUOqkiHEspBZSO6vrvBs+78S81cyy5SaJeeKrkdoDTuRPv065"
    "3oVjCdYN8+LMnjb9QUAvH2ASYyb+IP5a7hNHvKuRB8otPXkmZBSlAul5VxqzuAVAZa7j/Q"
    "cvVtVwBuvdfMpobBLVbOYtV53tbBS6qoUT/eqUv3nkX3dGhm9QbH6I9ebuYZ/n6UEAxLrs"
    "3b2waWjWbQcaAGvNuAJZzOEXoGrJYWWNo6Jh8tWOp4DnTsAPj4CGe4CRwEoDoj5xxAnsjQ"
    "SQ2IfH7pDL47ukfFkbR5ibGqs44Fiu+sMNJKZuA9VDxt+GVtYCwlZaW5JIq5VEF02y6nKz"
    "a1c+apYMrPnqBwUOIQtDTN0h6hxiVjLQxjLSNmJGe9ZwV/j+suVOxybKli0Uor6T1mHh4N"
    "bgYlBxAmQ8ONbgYT82bQ7X9qAfZD/+t36D/eLHjgFMTSg7DRhyGQbiQ9CD+kSiw9CIf0IP"
    "hqc9l4rZiU9CFIt4x0ywhCZze3c8tEzOhtIwxXNdUU2vgoKF1eQrm8dkqTeYMGjygLh5Mc"
    "qmxVRmYbqS3z5RjuUxniKyhfO29U9cvwZBjsbilF39k8cx2MFhlZ3NYmtEhIV0IwCtSrd5"
    "LNwtuBfbONcNKytVn0JffCEWbwOU6KqdKcIqql013Utgyialv6b95WbEfWBQqlE2FIY2Qp"
    "rkU+BgwXFt4WL1LjCFljq+1VV1fkkIuniLMitQxWV7phkAcZhFXVEaipalADuZKdLa68uu"
    "oK1ZOtmtt+fx5Qn+x6kWXxJeEH3S/lKCFz6dYalYBVdJOOo4RptXnGlljFd+uoI1Q+p7pt"
    "xrbacc9x/5IM4s+Dx49BV6CpWUjfeur76lXX8WurPWqUSKgIsmC5Ql3wKuVU4JpD2bgW39"
    "YqtIXq4/+J84+J3JHb4rVRRspjAW4j11UMi0w3VhKxdS4tJdlw0r9VY//W0UW/lv86G+3r"
    "UfdLpwW834k5GnbbPRYCGxxNzLv2/Ui5GZNSwRHNynfX7rKUfPR3Ynb714Pbu15n1GF5//"
    "zjiXnd7l93ejR5X3DUKNSkO99gzLVt6k6woK0jTSGtZZcnwzPqqCEtfiQ0eKEA20SzQd5O"
    "nKUa3q9BNrvQze57baMz+GZ+X04N0vdbfBsJz427uQsyp5oKvkAxleJafIByYUP213ecXu"
    "ciCxtkrtQaB96LsG97tWH3MvlsobjwjOSzQzJaDLvXo3Jhy+sXPQRM2M6XPIjQoatY8FBd"
    "JDiLwucQaEF0fjZlRq4owWajkierL08GF6pulLGjQoHaRYK/PS8SrExKZdpN7Fp8ytcdhY"
    "y3+BHZC6J3LXSexwAhA6pmRr/mySegn5IKdjVfhWf226OvBoNeTEe+6iZTHoxvrzrDkzPW"
    "GKSQ7g2iMl62/paLjJfdvdoiUOiZmKyOaJFnx4iSDDwrDNW+A8+OsTvtL+7sWNDZ5SpjP4"
    "jqBhr6C7RfGxwzM1mkmWdxBgFeWrT02jyyAxN6yVwBWkINYAQQPeMHwxEY5hA45F9o/+QA"
    "b/UCsNEynSx2m4q425CGyXCDOlJ7kf4RiTMw4TccrEUJkwYGkj5bIBMHCmM2H194SeOu07"
    "/p9j+VxDkQawH/YGLedHrdL50hDQsJDyfmx3aXRYp4v8nP6zBxItlruzLXqUZFarNCtbK9"
    "8wzVwYrXewlmWpn9M3micnvCNMTJiSCFcD5nwRGXjnVxPKxpxzr7LqBtIzvd1Nn5UeNSMj"
    "1q+fSovpq5ETGYlJVfmMhfmCSAf4hmThhLRS2ghJiMWeEmfSmJaURGApofsxLSBFsGrdR0"
    "TVszET4R7VrrUxrCyKLIivCt3zLLFMTxEVGkDaqTjZDNOUbbaT3nGO0nRfauGg97AD0yTt"
    "CL5/nJIf+oGNhwBolq6HibSbGlqrx9qUrJT8yJeUNbgIgzUtKB5OKD1yhUOXloseK+VqoT"
    "adKZXwF17tIXBboJ5rqDkf3aBKqpkavIKriT1R/xeKXVPSUDeWAG0rVLhe34xUVezrbpco"
    "c374rs1UCL5WQZfJfasUHuXHKwnUsgMbw4c3bO4p5QooYd/Oy8SP8mpbKZ8XO5H8mPaRRH"
    "JuySzRyXlAyXyK0s1roScRtWbuiwNayVr2/IAHxlzKRB3yDVTzQEpSbA7yO4J3Nn6CTbVM"
    "DELr439D1aEHuUWrvMJp6TykmTsZgc1beXm+HWzcS4ZaE55PkILKrpqJ5hp3o29Ex1Hc7W"
    "0NXfglrpXfKfrtFNo2n5B117CAx6m9jkkLxqWA8Rh7RDkgLYft3FvtLS5K58t1AKFdcqWR"
    "/yE8iKbJ80xvftTx1l9HnYuf886N0ow077+jMN6mHhzKd4TrCaI0M7tenm6FCbmGmJ+0Hv"
    "C1/EQcYLlWmPRwNlNLhTxnfK/fj6utO5oQIzFu7snEaykZ067mwGoZaUCmKNeCKPqm5ALf"
    "nBF7Gzqt8JgvakdIf59X7Qz9C5/fJJbVufYfBfYOjOESsOPFApEvnsQZIoSHy0tIIkeyAt"
    "202aQto80uaRNo+0ecQGfqc2T5tAP5s3ONaOfyXXzlFXZYRZLp8ZjMsdADlebb+zb6f6Cx"
    "98m63xU8ON6//JdkVERETW9Td1tu0itxj9qEog7BevIbpnhbZLO8vZLu0svV0auSPmhhhl"
    "2yEREWmKlDRFSixCr34y+/4/VlYYzw=="
)
