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
        ALTER TABLE "credit_usage" ADD "quantity" INT NOT NULL DEFAULT 1;
        ALTER TABLE "credit_usage" ADD "object_path" VARCHAR(512);
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "quantity";
        ALTER TABLE "credit_usage" DROP COLUMN "object_path";
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
    "uDeiycHJBPVuf3p6lO+4e1hwPEEP0mgk/TJ46ALvKK46HcdFzISqlWYBZ3ucBhJNcGyJ4n"
    "uZy6X3cotL72XSpdfikQjKbAFnL9gmigUtxiGk2snZsG8vpZSqOKqrerQiOpeXOSqC5sqs"
    "CH4tRvdgXdvLpygiKKakOk9JwnEsu4fRF9QkZGzcFngi1e52FuFnJJjHOsB66syjTKvjgX"
    "ejDO7Ry9DOwT56a1O7yUcJQeAIASb0BgyJBT7zAJvPgD0HC8NkLjjmZr2AJgRnQUSm1Qbc"
    "mZr+8yg9MN3wQlLox+pus5uAzGQaM8KOsnW9rLijPQ2jGul1ZcV0ZROORcMUGxyg2MllzX"
    "S2WDOdpDUTfrIEzNkhETGxA8Z8HYEvryQkQjDpZTPpzzbS+MsmMO1jbEAVZREgYcEYtlMq"
    "WRW4fsphW3NfkkaR1twfxpvr011/8HB2zps2zaQ7+k4ScyfIvnCMc0SqeaxT+YHOfEMMZb"
    "+4/TTZ5mFeSfC+IB+y0W8u+WCvtD1rPSopar0utZ7CNPKnT/AjxzTkn9is2Mo0453L7RxG"
    "vO3nzGXFs3gc163HMZMdC7oL1izEZq1abgSN1mbbMK0XeNkGz9ikR/psAfD0Tzgj6YZ7aS"
    "XviMbRNbhcYXo+2ygvcJMIyAnnDQ3MwpXouK5E6b7T2YpMhuN0Eyz78jVGYV2Wa10+m3ip"
    "+B6PBXBNCgrvoji4X2w6Ohdz1wqLHA7Q8zig5/UB0ZkvC66ZRYReMYXVzDZ8zYSVQHSl0j"
    "G6wDwVE2uerX153snjVXPeyfaqYdeiYMeVuAKAp4g2D/RKPGhMSN/UIspCtQo18bhc8+Au"
    "XyOzGGapukNfn2fOc2GpJilm/+503r1733n77ur68uL9+8vrt/78l7y0bSLsDz+yuTBSDS"
    "mRr4LJ+yd4iwm/odKVINuCZuGtl30RoVIKL6xDeWHFW20JsD65xZxkU92JaaifRhCl9wfj"
    "p9HoWI5td3A5haa10FetFDo8dLW9jQ1fRvPt4sKz0d3BPvOmJvaAqhW1bOI0L5B8YUyebJ"
    "1p5pb065jFHvE/FqR0Nxyz+CT6N0F3A+a90QXOf3xl5jhhSUL/zob+NNdUhRv/P0sdbw6c"
    "Qh9vuj5+qqBmKeRHDjS5N1TUStHEefpWHXzl5ShV+xa6dp107eMGaNQoFqYSF9QjhmfUk9"
    "U4WHyGG6C/MvUZVJYYkYVRaFUyS74JdXGApckIfBuomq9APxAX4OcCX5jr2eg3y1wv4AId"
    "coajdWyz+yYaR9+V/PDzAzTUjOknpD5+cEo6wXaQpdNHBzF76hf+SrQci/IxVGCTQKvafP"
    "HaWYYVE2qG240Z5TmUs+QlBc9Y4s8nFhSEkVOXXlu1ZxTRSdZyTQZF7Ak0EN5KgvyzQy12"
    "r4edQthFa0gtuKfbwW0XeEcTxPIH6eGzCbqTxvKPo/91gXswQbIks83/+N8EPY1Hw7uhzA"
    "T9w3qspB32m8d1M33K3icWW3o6tZK9T2xIRERyJDZhwIbBvqSl0F5QANS4mGirKW2VqZ/F"
    "tL2QiFj5277y5ynfr1yg8pZEThPSnQtUoQZVqwUqE7OQm1aadedeam+17EKZqlypEoHIwr"
    "irW9dv9hZjNdMJDr2GJXj8vaqiRrx9rrAXsWNN9vB2mss1KdWeWFzwuuh0U9AsSAiKKB3x"
    "4bsKIBWOlod3tAz6dgngNjv8KTEMFg6CCrVn1Xp57QIvLaJB7bjSJd1H7t0zYHtatlKM/v"
    "Dl9jbD3/USgn7OnTum9dh3DWfQYl86dG4D1nC6wPgF8FK6YG3qhHZasNbJArBPJ8LnZzgj"
    "bWBhANUZTbMAfSJDpyVg2v2Se6dVdI+SPWm37cdRnnVcI//OEj2txKZox/Kn9XvWHsZSXF"
    "aYS3Uxl0rwbqtyuuJTe8o85U352RMU8XIcg5Zug09halww1rVhrIXHjOCsD6zgHzDuQiV2"
    "ii2V8yOkvvQBP0kiS7dSwQGEyzB3o1tpgm6l4fhjF/A/djYesBNnFizaG65z9IXrzJ5wLS"
    "IBxAqCWEFogEosVhCOuYLgqs1F/bUiUmINQSzLiGWZmtDZ7dcty4TM6Nd6GAYlNRTa6Cgo"
    "lrxqteRVKU3mDBppRJk/nGyhyoI8YreRxjJflmHPixBfXv7GrUaVH4Yn3GCrpRTdxeaZbR"
    "G8zNjFbeeGFjHpUgjGGrXqSnazcL59ud/++0nZxgR9iS34azP4nCbFVOqeItgmU5wSM1jE"
    "haqvGwbFWfKLOrF2kGtPkalqMBPmld5mzkcl+05ZTYVqbqosewlAfTSbRWdEyX/2cc5SYP"
    "I/UtpEmIIN5V+JVXQH+yZC5VI4r90gqnFUV5TOFj7Dr/IZTt9mKxtQCUEZ05+K9to6EUrw"
    "+16kXASLTIIujtgusk6JV5xg7hrM3J2cX0/x3tnq3cjDXwZd4PxPkPww7I24c493NEH3vU"
    "dZuX2iubwjtt/QfW/INxti/xM0HN9Id/ejgTzgOxq5xxN00xvfDEZsWyLvqJWrSiv/vodt"
    "mowoWUFTx5pCa8ssbuZnlNFAg/9EDPxcrkOxaoMoZTQtVPFuCaLaa13tLh8dnsH3Y7RTSh"
    "Csdv4Nsh2Cen9ydUsxJfTAeirFjeiAwmUzu/edJp+ex2VT7ALXYJfCo05ZlTgUim31cnm8"
    "ZWyr90BHi4fhjVzMIWu3O6fHhFXuzFmHBl2GK2d5Pm7cvzCFQPP8DrMpM3pF8T6jJniy5v"
    "JkcKnqRhE7yhdonI/bu04eNyyaK9Nu4teiU75uKXS8Jc/YXFK9a6mnrRhgbEAVZbTrNPkY"
    "9FNaQFXzlZ9y2Bbdl6RRREfuD+PBnE/se8Nn57wyaCbdGUSFJ1DzLZdSPYEO745QT5ZCeC"
    "OcqDfCKTanwzkjnAo6VUa69KCpzxatFDvAvbLdEgjy1MYOyHSgTjUDUpym3WZRX820lM85"
    "ZKv9X+kYnOq+kq34h0TqvChep0UT1qkKIOxmbyC6lWyuRu9IYBrh9NOjNM7Q6AORuDqvzw"
    "j4Gxi6dcIegGngMjAiOnti15z4BjkxZZwV0E/jXQ8Ztvn9/yz6jlU="
)
