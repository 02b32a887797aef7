from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "url" VARCHAR(2048) NOT NULL,
    "description" TEXT,
    "secret" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "deleted_at" TIMESTAMP,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A URL of the tenant's that receives its events. */;
CREATE INDEX IF NOT EXISTS "idx_webhook_end_tenant__6155b6" ON "webhook_endpoint" ("tenant_id", "deleted_at");
        CREATE TABLE IF NOT EXISTS "webhook_event" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL /* USAGE_THRESHOLD_REACHED: usage.threshold.reached
USAGE_THRESHOLD_RESOLVED: usage.threshold.resolved
AUTO_TOP_UP_SUCCEEDED: credits.auto_top_up.succeeded
AUTO_TOP_UP_FAILED: credits.auto_top_up.failed */,
    "data" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* Something that happened to a tenant, written in the same transaction as its cause. */;
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING
DELIVERED: DELIVERED
FAILED: FAILED */,
    "attempts" INT NOT NULL,
    "last_status_code" INT,
    "next_attempt_at" TIMESTAMP,
    "last_error" TEXT,
    "delivered_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "endpoint_id" CHAR(36) NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    "event_id" CHAR(36) NOT NULL REFERENCES "webhook_event" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_event_i_4cd663" UNIQUE ("event_id", "endpoint_id")
) /* One event owed to one endpoint: the sender's outbox row. */;
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_5b6f00" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_endpoin_408454" ON "webhook_delivery" ("endpoint_id", "created_at");
""",
"""
DROP TABLE IF EXISTS "webhook_event";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_delivery";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "webhook_endpoint" (
    "id" UUID NOT NULL PRIMARY KEY,
    "url" VARCHAR(2048) NOT NULL,
    "description" TEXT,
    "secret" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "deleted_at" TIMESTAMPTZ,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_webhook_end_tenant__6155b6" ON "webhook_endpoint" ("tenant_id", "deleted_at");
COMMENT ON TABLE "webhook_endpoint" IS 'A URL of the tenant''s that receives its events.';
        CREATE TABLE IF NOT EXISTS "webhook_event" (
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "webhook_event"."type" IS 'USAGE_THRESHOLD_REACHED: usage.threshold.reached
USAGE_THRESHOLD_RESOLVED: usage.threshold.resolved
AUTO_TOP_UP_SUCCEEDED: credits.auto_top_up.succeeded
AUTO_TOP_UP_FAILED: credits.auto_top_up.failed';
COMMENT ON TABLE "webhook_event" IS 'Something that happened to a tenant, written in the same transaction as its cause.';
        CREATE TABLE IF NOT EXISTS "webhook_delivery" (
    "id" UUID NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "last_status_code" INT,
    "next_attempt_at" TIMESTAMPTZ,
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "endpoint_id" UUID NOT NULL REFERENCES "webhook_endpoint" ("id") ON DELETE CASCADE,
    "event_id" UUID NOT NULL REFERENCES "webhook_event" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_webhook_del_event_i_4cd663" UNIQUE ("event_id", "endpoint_id")
);
CREATE INDEX IF NOT EXISTS "idx_webhook_del_status_5b6f00" ON "webhook_delivery" ("status", "next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_webhook_del_endpoin_408454" ON "webhook_delivery" ("endpoint_id", "created_at");
COMMENT ON COLUMN "webhook_delivery"."status" IS 'PENDING: PENDING
DELIVERED: DELIVERED
FAILED: FAILED';
COMMENT ON TABLE "webhook_delivery" IS 'One event owed to one endpoint: the sender''s outbox row.';
""",
"""
DROP TABLE IF EXISTS "webhook_event";
        DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_endpoint";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWuT2jgW/Ssqvkymiu1KSKeTpba2iganwwwNXQ0ksxOmHGOrwdNGYmw5hMrkv68kP/"
    "ATbDBgPPoCfujK9tHr3nOvpO+1BdagYV3d6oaho9nAJlP8rdYE32tIWUB6kJygDmrKcrm5"
    "zS4QZWpwiamTVMabtFOLmIpK6N0nxbAgvaRBSzX1JdExYjItsIAEmgB+hYgAvIIaIBgMCU"
    "1CU69MnRCIgI4AmUNg0VcDNENk0TxpBkCxgE4sYEBtRvMw8eqKPVXDKn0sfZNjPcBG+l82"
    "lAmeQSpl0sd8/oNe1pEGv0GLnX6uWUQhNscHwW9EVuhjFkv2X/uDpV0+y086NLQQ5LrG0v"
    "PrMlkv+bXxuNt5z1OyL5vKKjbsBdqkXq7JHCM/uW3r2hWTYfdmEEFTIVAL4I9sw3ALzLvk"
    "fA69QEwb+t+hbS5o8EmxDVaKtf882ciBhj+J/Vz/1321QDJZ7g9G8lAayXItVujsFSLF5F"
    "5SMWIVRkeEofj9h5PvBhB+tcYe0P7Qenzx+uZnDgG2yMzkNzlctR9cUCGKI8pLZIOybSkz"
    "KOfDOihzWsQ9sEoG7wZO3rBkfhYDtD1XzGRAw1IRSOlL7gOmd2GD5qbTOQGctYXyTTYgmp"
    "E5PX318uUWfD+2HjnENBXHGNNe0ulE++6thnMvjDX9VJIHZS99BfG9uc4A7811KrrsVhjc"
    "r4phJ9ThLiLJ4PrpI+jS971EdGfsJf7VeHX99vrd65vrdzQJf1H/ytstgHf7owiam/EvXl"
    "klZC84pl36CgpSYQzbjfTpqm7tQep3uv27nKOZJ9YE7sEEDaX+qAnY7wQ9Su1Bv93tSU3g"
    "H0aVlEz9yU2W7uQmvTe5idZ3VyVJKKPUKh8UOV2tf3khVT6q6MVw7VBgiL6AyeAmiEcw1l"
    "z5K+/gAvuZLYiOuvfScNS6f2DZLyzrL4OD1hpJ7E6DX11Hrr6I1ng/E/CpO/oA2Cn4fdCX"
    "opqMn270e429k2ITLCO8khUtiIl32bsUKnBDsYgMTROb8bIe0dJMLuew1F79m6slXkKZSr"
    "+NQsXp9Ugv7lu//Rwq0t6gf+clD/Rg7d7gNtLQVBMybPZoY2FJ0bxK3bwsZiLkL+OAWAEF"
    "fEFN7dLKl0Ck0KLKZ4mHhIo0xctbsDuMcUYnPT0nUh0OWHF432MT6jP0K1zH1PAIpC4LOP"
    "IzukxYN1c3TdpUVj4HF65W9PvpV0PiGCytYbvVkWoc56miPq8UU5NDgLM7uIEjV/y08VuL"
    "xiJ6RUHKjMPDvoO9tYt824SaTm4VgxdQAkEbTlDfRtCqPKk8DaTdSdB+misEKMDBB8wVC9"
    "gW1AB+4sTokuYEFMPAK5Yjo1ExgsAlgsESmjrW4pxsAXlO0ASN5pBRskC3OHnLCL+pYkEw"
    "synqTfoAldqaM8ju02OM6LfTj1IMMH5g/R973hf24C9UnL7Qwrboy+hkQhVxComx5s+lD6"
    "gDC3P+eJPlao7pgx4pnBYwsPoM4LelTtEFqoIQJgB/haa1hEhL44s/B9qm80kybYOmyw4H"
    "mGRBFp+VLA6VTU5FJCor1M1SqyNucdFGu2dBu5KimEtdzKzHz0F5eckF3RWlu5yhMA+WAQ"
    "kBZxTO6dpBIwbnL8NBPxnPgEi009FVAv4Ghm4dDdfA6D61dYPoyLpijz3HAM8g2s4yRQml"
    "SMfCMoiyTEyFY6+YvX4HJET9jtZvYe0La19Y+5ms/TtT4a+eYus7t+sZLP2Zn3Knne9kbV"
    "GbFxC8ZLYxs6kjtvgLBSxtkw7jzFxf0i+uU5N4aeIFZtnQE5pY+5Pa0QuIyM9xw/9YD8kS"
    "kLVpHSZc0LrBXkmEYp3XulYW2E7qsdId0L6ACLpIGGM3NTs7pCEZgWoCqktq3Zs6WecANS"
    "giVMEooA5Zau3h2wtLCvdemYkWC9NRPCUoNEMEmC9d5uDF2sOY2ZlDqQm8owl6eBzcD0bd"
    "Qb/Vo5c3JxPU6vwyHo7ueXjY5jiqJp0nHMyEipVk7aZHl24kqhDEEsb3Tabw3TdbwnffxM"
    "N3LT7rQFbnUH3GNpEtaDG+INEmTod9ey6FFMVZw9LDBdF48yZDQdBUqQXB70WoHaxre8UP"
    "hQTF8FPm4UcEiaW3MPqB2gAZa7cGXkixu41FxBQJlrEMsF46yzhmc9pqqSyjc7uegWW0/Z"
    "Q7WcaBE1HjMX9c0p1d2QQrFoWzUiw3yEars5maqzle1METNumRrs4Bnv4JVRKnFgvNeUfA"
    "DtUBFktMz9W1/AzXsZidYNrAYCLYxvOyjcnu1XRFO8W3WioDtDSz5wSVWyxH9mTihew7RX"
    "LgGhcUBGQUXKerz6klhoQO6H0vx+bLMQs8OiTm6GYTRKvHJx2FxjAh/VKLyHPFmucj7sJy"
    "1YO7+PHNYpgl9sS3+iy1Mw5KVWmY+3ej8fr128bL1zfv3ly/ffvm3Uu/S47f2tY333bvuv"
    "3IlL+EUEPB5fwTKDtB3hQ+LtsWNHOvdeOLCC1HUGGnosKitbYAWMduNhdZVXdiGminIUTp"
    "80F/3Oudi128h4spNK25vqwlkIuBu/Vt3OIinG4Xs5iO7g4uj1c1MemuVESdiY2940Y82T"
    "KTdrXBp7702AT8j0WF3Hf7LCCE/k3QvXR/y246/1Ge+zyxIUL/Tode+FKFOl5+dbw6cAp9"
    "vOr6+KWCmqaQn9nb/2AoqJagifPrW3XwpZeiUO1b6Npl0rXzLtxb7JK9JQo0PcqCvcE3i4"
    "GcvkRgRKwK/pltevEx1gh0o6SXpq5CeYERmRu5vJJp8lUoixO4JkPwraFiHoD+RlyAnwl8"
    "Ya6no18tcz1mDKWrmIHQIlrGNnturHLcupLvf32EhpIy/ATUx/dOThdYD9J0+nAnZk/9zA"
    "9Ey7Eoh4EMqwTasc0Xr56lWDGBarjdmJGfAikLdil4xhJ/P+FQEEZOWVrtsSOjiE7S3DUp"
    "FLEnUEF4G5msyMYWK7IRtyLTA9d3+8MuIYi91qUW3LgjdZrAO5ogln5zPXg2QfeD/uhD73"
    "9N4B5M0GgwYrOt+d8Ejfu97n13xAT9w3J40k67yUzZTJ+iF+bAlp5MraQvzBEQEXHxMUCZ"
    "jpRPJQmICPfUdveUpyEe6EXxePvLhHSnFyVQoUrlRTExm/5RSzJB3Fv1reZHINEx3Sli7q"
    "GwQMrW9E+gIgtHi9iMqXT1/kLI5UxzM+yltmcxhyUrWMwX6lNIKPYYA+410ek6p1kQExRT"
    "ScRy2EeAVEQDnj4acNO2CwC32nN0Yt1g7pk6gfqsWM+HeiFpFhWqx0f1Ow55CIrE9qmvJR"
    "j9wdv1bYa/G8oC/ZQ7F0lqsdXOVWix9c+dx4AVnM4xfua7kJEmWJk6oY0WrHQy53umwacn"
    "qBJnozJFnfMtz5ZLQ2e7qtHmF18u6UjPKDjcc9uiEcVZxyUKQiwwHEisg3SuoE+/Ze1hLE"
    "VlhblUFnOpgBCsYw5XfGhPGKe8IT99gCJeinPQ0nXwOUiNC8a6NIy1COsQnPWJFfwTTg5Q"
    "iJ1gS2XcmsCXPl1Nr40GnUHODoTLsJiYzmCCOoNu/64J+B8760vsxBkF87aGdxnawrvUlv"
    "BOhKsLD4LwIFRAJRYehHN6EFy1OW+8VkhK+BCEW0a4ZUpCZ9cPc8sEzOhDIww3OVUU2nAv"
    "KFxepXJ5HZUmczqNJKLM7062UGWbNGJJjMoyX5ZhJ2ygumWyupu+ct6o4ueKiTDY41KKrr"
    "NZtS2CFylLje3eWTAsLXYUzLDkAneay/stEh+XrczMJLFOfGk6n8ukmApd+ALbZIq/JTTO"
    "HCFUt7phUJwHflYXVg8yLXwxVQxmwhwYbebsI3fr5FVVqGamwpIXANSdWS06I0z+s/34Co"
    "HJ35ewijBtVj0/EKvwMutVhMqlcA5dxahyVFeYzhYxw9vgcUNeZYi0JdYP7sc/OdlJbm6V"
    "R43ZLQVB5kVHVwWvXBxm8opj6cAOEBxh+nOkZccuhHj+sRf1G8IilQaOIraLEpajBSf44Q"
    "rzwxcXPZa/ddZa7VH3o9QEzv8EjR67rR4PIfOOJuihNRzJnTFN5R2xpZceWl2+7hL7n6Bu"
    "vz24f+hJI4kv7uQeT1C71W9LPbZCk3dUy1SkR9/qxDZNRsctoaljTaalZeYnk1LyqCCtdC"
    "E0UqYAtUixUaXwwIJ3cxDFXupid70ewRF8P79JQg7Cd5J9rXDHDbI/hb8lmwJaYDmV4ko0"
    "QBEYnN76LtNrkyUwWKw1WOHA1bMOWUcJWxWLN2aKq0xZvPGR9haP3fYoX9jf7qBhjwk7es"
    "hwGSp0EQHDxUVS8ijWBALNi25Np8zoHdnbUU7wZNXlyeBC0Y08dpQvULlIyteNLMF+NFWq"
    "3cTvhYd83ZJpf0uesLmgetdCT/IYYGxABaXU6yT5CPRTmsGxxiv/ymlr9O1g0AvpyLfd6J"
    "ThMdt6+cUrXhg0ke50oiLerPqWS6HxZqcPeiknSyFiXi405uUSq9PpQl4uBZ1jzqdy4zc6"
    "0NC/QnNdSzAIokm22gZebIkWTL1zxTxqATrL1gG8ghogGGB2xY3DoTDMIbDoKTR/soATBQ"
    "xMvIovi3dIRom7gvnL/nl5xLYG+xzwCCP4jVCVgMDFkvjLI3mSrl0nlkgqjYFzeYEAtQep"
    "3+n273Li7Ik1gXswQR2p1/0oPTIHvn84Qe9bXe7Td/6jzes8Hn23PSWUU+qMnKBIZebiFL"
    "ZLkKFYRHZqL8VMy7OdVZKo2NkqDnF0IIghvN26TBAXLtDy+MLiLlDeLqBpYjNe1OkrwYWl"
    "xEJw+ReCc9XMvSicqKxoYWVuYYKq+0cUc8RYymoBRcREdEHi9PacmAZkBKDbowt8muDA8I"
    "KKTqepRxzdwaq1e/EmGJiPVRC+1ZvhFYM43COWaSvOaCGkc47BctrNOQbrSZZdOsaPPYCf"
    "OCfoRF78ZNEThQATqpCqhpazbQafJZe0A0cu+QmaoA4rASrOSUkL0ptfnEJhysmXJk/uaq"
    "U6laaVeQ2YG459KNARmOsWwea6DhSk0bt4mXHPjs/hyJLNMwUDeWYG0jZzBVi4ycs88Wjf"
    "wPSX11lWpWbJtqyndB1bm1qs0X62NdohNbwSxuwt0zB8iQpW8FeNLPWbpkpnxhti5fV/pl"
    "EcGLBzFnNYUjBcZS7lcs0AKG/BiqWrD4a18Ej0FMA3xkwc9D1WGQmGoFQE+FME96TugRll"
    "mzKY2Nl3wRziBbVHmbXLbeI5zZwWGY/JUVx7ue5vUkmNWx6aQ9+PwqIgS3EMO8WxoVXFth"
    "I2wSz+EcxK79IzXWPbY7L0X3Tti2fQm9Qmh/RT/XyoOGQVkiYg5voYO2gKk7vwfdEYVIlW"
    "ye6QH0+2zPZJbTxs3Uny6MOjNPww6HXkR6nV/sCCeng48xWZU6zm2NCuTLYNLNQmKC4xHP"
    "Q+JotY2PjKZFrj0UAeDR7k8YM8HLfbktRhAioPd7auuKZD8FK2l1eWraoQalEpL9YoSeRJ"
    "0Q2oRRt8Fjur+DWvWU2KV5hfhoN+is7tpo9q27pKwN/A0K0LVhySQGVIbGcPokRBpNGyDK"
    "LsgbBs9ykKYfMIm0fYPMLmKTfwR7V5WhR6dV5LsHbcO1vtHGWTpjQTm1ODcRM7wASvtlvZ"
    "D1P9Sx98m67xM8Mt0f+T7ooIiJRZ19/X2XaMVaBYo8qBsJu8gui+yrQxzKstG8O8im8MQ5"
    "9IEkOM0u2QgIgwRXKaIjmmCxc/mP34P6Xg0ms="
)
