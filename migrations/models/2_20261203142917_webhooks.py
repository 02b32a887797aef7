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
DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_event";
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
DROP TABLE IF EXISTS "webhook_delivery";
        DROP TABLE IF EXISTS "webhook_endpoint";
        DROP TABLE IF EXISTS "webhook_event";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWuT2jgW/Ssqvkymiu1KSKeTpba2igbSYYbGXTyS2QlTjrHVjaeNxNhyCJXJf19Jfu"
    "An2GDAePQF/NCV7aPnPffq6nttgTVoWFe3umHo6EmyyQx/qzXB9xpSFpAeJCeog5qyXG5u"
    "swtEmRlcYuYklfEm7cwipqISevdRMSxIL2nQUk19SXSMmEwLLCCBJoBfISIAr6AGCAYjQp"
    "PQ1CtTJwQioCNA5hBY9NUAzRBZNE+aAVAsoBMLGFB7onmYeHXFnqphlT6WvsmxHmAj/S8b"
    "ygQ/QSpl0sd8/oNe1pEGv0GLnX6uWUQhNscHwW9EVuhjFkv2X/uDpV0+y486NLQQ5LrG0v"
    "PrMlkv+bXJpNd5z1OyL5vJKjbsBdqkXq7JHCM/uW3r2hWTYfeeIIKmQqAWwB/ZhuEWmHfJ"
    "+Rx6gZg29L9D21zQ4KNiG6wUa/95tJEDDX8S+7n+r/tqgWSyPJDG8qg7luVarNDZK0SKyb"
    "2kYsQqjI4IQ/H7DyffDSD8ao09oP2hNXzx+uZnDgG2yJPJb3K4aj+4oEIUR5SXyAZl21Ke"
    "oJwP66DMaRH3wCoZvBs4ecOS+VkM0PZcMZMBDUtFIKUvuQ+Y3oUNmptO5wRw1hbKN9mA6I"
    "nM6emrly+34PuxNeQQ01QcY0x7SacTHbi3Gs69MNb0U0kelL30FcT35joDvDfXqeiyW2Fw"
    "vyqGnVCHe4gkg+unj6BL3/cS0X1iL/Gvxqvrt9fvXt9cv6NJ+Iv6V95uAbw3GEfQ3Ix/8c"
    "raRfaCY9qjr6AgFcaw3UifrurWHrqDTm9wl3M088SawD2YolF3MG4C9jtFw25bGrR7/W4T"
    "+IfRSUqm/uQmS3dyk96b3ETruzslSSij1CofFDldrX95IVU+OtGL4dqhwBB9AZPBTRCPYK"
    "y58lfewQX2M1sQHffuu6Nx6/6BZb+wrL8MDlpr3GV3GvzqOnL1RbTG+5mAT73xB8BOwe/S"
    "oBudyfjpxr/X2DspNsEywitZ0YKYeJe9S6ECNxSLyNA0sRkv6zEtzeRyDkvt1b+5s8RLKN"
    "Pub+NQcXo90ov71m8/h4q0Lw3uvOSBHqzdl24jDU01IcNmjzYWlhTNq9TNy2IqQv4yDogV"
    "UMAX1NQurXwJRAotqnyaeEioSFW8vAW7QxlndNLjcyLV4YAVh/c9NqH+hH6F69g0PAKpyw"
    "KO/YwuE9bN1U2TNpWVz8GFqxX9fvrVkDgKS2vUbnW6NY7zTFGfV4qpySHA2R3cwJErftr4"
    "rUVjEb2iIOWJw8O+g721i3zbhJpObhWDF1ACQRtOUN9G0Ko8qTwLpN1J0H6aKwQowMEHzB"
    "UL2BbUAH7kxOiS5gQUw8ArliOjUTGCwCWCwRKaOtbinGwBeU7RFI3nkFGyQLc4ecsIv5li"
    "QfBkU9Sb9AEq1TWfILtPjzGi304/SjHA5IH1f+x5X9iDv1Bx+kIL26Ivo5MpnYhTSIw1fy"
    "59QB1YmPPHmyxXc0wfNKRwWsDA6jOA35Y6RReoCkKYAPwVmtYSIi2NL/4caJvOJ8m0DZou"
    "OxxgkgVZfFayOFQ2OSciUVkx3Sz1dMQtLtpo9yxoV1IUc6mLmfX4OSgvL7mgu6J0lzMU5s"
    "EyICHgjMI5WztoxOD8ZSQNkvEMiEQ7HV0l4G9g6NbRcA2M7jNbN4iOrCv22HMM8Ayi7SxT"
    "lFCKdCwsgyjLxKZw7BWz1++AhKjf0fottH2h7QttP5O2f2cq/NVTdH3ndj2Dpv/kp9yp5z"
    "tZW1TnBQQvmW7MdOqILv5CAUvbpMM4U9eX9IvrVCVemniBWTb0hCbW/qR69AIi8nNc8T/W"
    "Q7I4ZG1ahwkXtG6wVxKuWOfVrpUFtpN6rHQDtC8gnC4SxthNzc4OaUhGoJqA6pJq96ZO1j"
    "lADYqIqWAUUIcstfaw7YUlhXmvzESLhekonuIUmsEDzJcus/Ni7WHC9MxRtwm8oyl6GEr3"
    "0rgnDVp9enlzMkWtzi+T0fieu4dtjqdoKPX70sfusAm8o+jU6TwuYiZUrCQNON3jdCNRBc"
    "eWML5vMrn0vtni0vsm7tJr8ZUIsjqH6jO2iWxBi3EIiXpyOuzbcymkKM7qqh4uiMabNxkK"
    "gqZKLQh+L0L3YF3by6coJCiGpDIPScJxLL2F0Q/UJGSs3Rp4IcXuNhbhZySYxzLAeunM44"
    "Stc6ulMo/O7XoG5tH2U+5kHiXHy8ZjA7mku+KyCVbMM2elWK7jjVZnqzdXc7yog0ds0iNd"
    "nQM8+xOqJE43FprzDiceOgdYLDE9V9fyM1zH/HiCaQODiWAgz8tAJptc0yfaKfbWUimlpV"
    "lRJ+jdYnmzRxMvZN9QkgPXuKAgJaPgOl19zlliSOiA3vdydL4cK8OjQ2KObjZBtHp80lFo"
    "DBPSL7WIPFeseT7iLixXPbiLH98shlliT3yrP6V2xkGpKg1z/240Xr9+23j5+ubdm+u3b9"
    "+8e+l3yfFb2/rm294d655DxZDgfii4nH8CZSfIm8LHZduCZu74N76ImOUIKuxUVFi01hYA"
    "68TN5iKr6k5MA+00hCh9PhhM+v1zsYv3cDGDpjXXl7UEcjFwt76NW1yE0+1iFtPR3cHl8a"
    "omFuKViqgzsbG3L4knW2bSriZ9GjAHEP7HPEXuewPmJEL/pui+e3/Lbjr/UZ77PL4hYv6d"
    "Dr2wpYrpePmn49WBU8zHqz4fv1RQ0ybkZ7b2PxgKqiXMxPn1rXPwpZei0Nm3mGuXaa6dN5"
    "hvsWF8S+RoepQgvsE3i4GcHjYwIlYF+8y2efEx4ga6XtJLU1ehvMCIzI1cVsk0+SqUxQlM"
    "kyH41lAxD0B/Iy7AzwS+UNfT0a+Wuh5ThtKnmAHXIlrGNnturHLcupLvfx1CQ0kZfgLTx/"
    "dOThdYD9Lm9OFOzJ75mR+IlqNRjgIZVgm0Y6svXj1L0WIC1XC7MiM/BlIWbFLwlCX+fsKg"
    "IJScsrTaY3tGEZ2kmWtSKGJPoILwNjJpkY0tWmQjrkWmO67vtoddghN7rUc1uEmn22kC72"
    "iKWPrN9eDZFN1Lg/GH/v+awD2YorE0Ziuw+d8UTQb93n1vzAT9w3JY0k678UzZVJ+ig3Vg"
    "S0+mVtKDdQREhF98LKYMNgwWzlimrSAHqFExUVcT6iqbfuab7QVEhOVvu+XPm3wfaKDyTC"
    "KXCelOA1WgQpXKQGVitrKmlqTdubfqWzW7QKJjWqrEsk6h3JWt6Z9A+xA2LLH3Venq/YXw"
    "9pmWvdhLbc9iDktWsJgv1FyTUOwx44LXRGfrnGpBTFCs0hHRx48AqXC0PL2j5aZtFwButZ"
    "c/xbrB3IugAvVZsZ4PNfDSLCpUj49q0h1x757uV5gc+T54u75N8Xe9hKCfcmf8qRYLLq9C"
    "i4Wbdx4DVnA2x/iZb/pGmmBl6oQ2WrDSyZxvUQcfH6FKnH3hFHXOd5hbLg2dbWJHm188Et"
    "WRnlGwJ+22eBzFaccl8u8s0NNKhJg6lz+t37L2UJaiskJdKou6VIB32zGHKz60J4xT3pCf"
    "PkARL8U5aOk6+BykxgVjXRrGWnjMCM76xBP8E667UIidoEtl3AnClz5dTa+NpY6UswPhMs"
    "zdqCNNUUfqDe6agP+xs0GXnTijYN7W8C5DW3iX2hLeiZUAwoIgLAgVmBILC8I5LQjutDmv"
    "v1ZIStgQhFlGmGVKQmfXDzPLBNToQz0MNzlVFNpwLyhMXqUyeR2VJnM6jSSizO9OtlBlmz"
    "Qi2khlmS/LsBP2q90SB8BNXzlrVPHL8IQb7HEpRdfYrNoWwYuUKG67N20MS4vNGjNEs+BG"
    "c3m/+Ptx2cos+hIh+EvT+VwmxVRoTBFskxlOWDOYx4XqVjcMirPkZ3Vh9SBTTJGZYjAV5k"
    "BvM2eLvlsnr6pC9WQqLHkBQN2Z1aIzwuQ/2+qwEJj8LR+rCNMmoPyBWIUj2FcRKpfCOTRA"
    "VOWorjCdLXyGt8HjurzKEGlLrB/cj39ysuu6uVUeNaa3FASZ5x1dFbxycZjJwdzSgZUQHG"
    "P6c6SIbhdCPP/Yi/oNYZFKA0cR20UJy9GCE/xwhfnhi/Mey986a632uPex2wTO/xSNh71W"
    "n7uQeUdT9NAajeXOhKbyjlhUq4dWj4e0Yv9T1Bu0pfuHfnfc5XGz3OMparcG7W6fBb/yjm"
    "qZivTou8jYpsnouCU0dazJtLTM/GRSSh4VpJUuhEbK5KAWKTY6KTyw4N0cRLGXuthdq0dw"
    "BN/PbpKQg7CdZA/D7phB9qfwt2RTQAss56S4Eg1QOAant77LtNpkcQwWsQYr7Lh61iHrKG"
    "6rInhjJr/KlOCNQ9pbDHvtcT63v91Owx4TdnSX4TJU6CIchovzpORerAkEmufdmk6Z0Tuy"
    "t1mf4Mmqy5PBhaIbefQoX6BynpSvG1mc/WiqVL2J3wsP+bol0/6WPGJzQeddCz3JYoCxAR"
    "WUUq+T5CPQz2gGxxqv/CunrdG3ktQPzZFve9ElwxO2q/WLV7wwaCLd6USFv1n1NZdC/c1O"
    "7/RSTpZC+LxcqM/LJVan07m8XAo6x1xP5fpvdKChf4XmupagEESTbNUNPN8SLZh6Z8Q8qg"
    "E6YesAXkENEAwwu+L64VAY5hBY9BSaP1nA8QIGJl7Fw+IdklHihmt+2D8vj9iua58DFmEE"
    "vxE6JSBwsSR+eCRP0tXrRIik0ig4l+cIUHvoDjq9wV1OnD2xJnAPpqjT7fc+dofMgO8fTt"
    "H7Vo/b9J3/aPM6j0XfbU8J5ZS6IicoUpm1OIXtEmQoFpGd2ksx0/LsFJYkKjZiikMcHQhi"
    "CG/XLhPEhQm0PLawuAmUtwtomtiMF3V6JLiwlAgElz8QnDvN3IvCicqKFlbmFiaoun9EMU"
    "eUpawaUERMeBckLm/PiWlARgC63bvApwkOdC+o6HKaesTQHaxau4M3wcB6rILwrd4KrxjE"
    "4R6xTFtxRgshnXMMltNuzjFYT7Ls0jEZ9gF+5Jyg43nxk0VPFAJMqEI6NbScbTP4KrmkHT"
    "hyyU/RFHVYCVBxTkpakN784hQKm5x8afLk7qxUp9K0Mq8BM8OxDwU6AnPdIthc14GCNHoX"
    "LzPu2fE57FmyeaZgIM/MQNpmLgcLN3mZFx7t65j+8jpLVGqWbEs8petYbGoRo/1sMdohVb"
    "wSxuwtyzB8iQpW8FeNLPWbpkpnxhsi8vo/UykODNg5izksKRiuMpdyuVYAlLdgRejqg2Et"
    "3BM9BfCNMhMHfY8oI0EXlIoAfwrnntQ9MKNsUwYVO/sumCO8oPoo03a5TjynmdMi4z45iq"
    "sv1/1NKqlyy11z6PtRWBRkKY5ipzg6tKrYVsImmMU/gmnpPXqma2x7TJb+i6598RR6k+rk"
    "kH6qnw8Vh6xC0gTEXB9jB02hche+LxqDKlEr2e3y48mWWT+pTUatu648/jDsjj5I/Y487L"
    "baH5hTD3dnviJzitUcG9qVybaBhdoUxSVGUv9jsoiFja9MpjUZS/JYepAnD/Jo0m53ux0m"
    "oHJ3Z+uKz3QIXsr28sqyVRVCLSrl+RoliTwqugG1aIPPomcVH/Oa1aR4hfllJA1S5txu+u"
    "hsW1cJ+BsYunXBE4ckUBkS29mDKFEQabQsgyh7IDTbfYpC6DxC5xE6j9B5yg38UXWeFoVe"
    "ndcStB33zlY9R9mkKc3C5lRn3MQOMMGq7Vb2w6b+pXe+TZ/xM8Ut0f6TbooIiJR5rr+vse"
    "0YUaBYo8qBsJu8gui+yrQxzKstG8O8im8MQ59IEl2M0vWQgIhQRXKqIjmWCxc/mP34P3Ja"
    "Rqs="
)
