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
    "eJztXWtz4ria/isqvkxPFSfVSacvy25tFQl0mhkCKS7ds2c45RisBJ8Yy2PJoak5/d9Xki"
    "/4IoMNBoxbX4Jj65XtR5L1Xh69+ru2QBo08EXT0n+Hq1oD/F0z1QWkB7ErdVBTLWt9np0g"
    "6tTgRVVLV168QlNMbHVG6Okn1cCQntIgntm6RXRkssJNQKCpmuQXDJoPHUDl6gATZEMNqB"
    "iQOQTDL81/XL3/ANAT0AkGGM5sSOrAhK/Q5gXcMxfsfhqa0Rvq5nPxVTum/pcDFYKeIb1i"
    "0xv8+S96Wjc1+B1i9u+fNfd+rDQVUwnUFJXU/sWKWS/Kkw4NLYKprrGi/LxCVhY/Nx53Wp"
    "95SfY6U2WGDGdhrktbKzJHZlDccXTtgsmwa8/QhDa7bQhu0zEMr2H8U+6b0BPEdmDwCtr6"
    "hAafVMdgjVb7nyfHnLG2AvxO7M/1/3qPFiqmKL3+SBm2R4pSS7Qxe4RY23inZshk/UM3CQ"
    "Pw7x9uvWtA+Nkau8Htl+bgzbsPv3IIECbPNr/I4ar94IIqUV1R3hhrlPlvAufbuWqLcfbL"
    "x5CmD7oLxv6JNcjrgeDD5wN0AEhrC/W7YkDzmczpv1dv327A+GtzwGGmpTjOiI5cd0T3vE"
    "tX7jWG9xpfy4ZP+vc8CK8lKojx5YcMEF9+SEWYXYoC7H6ElLmK53lQjokVA/X2T8bRgP5w"
    "nQHoD9epQLNLUaBDH+0Ezi16hegLKMY6KhmDWvNEL/yDM+zjG6Aede7bw1Hz/oFVv8D4L4"
    "Pj1Ry12ZUrfnYVO/sm3v+DSsC3zugLYP+Cf/Z77fj3Pig3+meNPZPqEKSYaKmoWhgT/7R/"
    "KtLMhoqJ4uCdGjouW0BTeyNItnTxLW3DV/SyUztHJWUrl7mV/Y/vdKXk06gTgkUq1+Vt4K"
    "269Bpa16DJCWtESEJKIWUW4NOL0DpZm4xReD9TO1V/NqmxzUHu0CdRzZnIMPEs81FQ0XnC"
    "uj67/lra6jIwm6Pdir4/fWtIXB24Obxtttq1lK9CAeCOMTxHyyQrtIkPoRhe1o2n6uxlqd"
    "qaEunP7Aq6QrEzQdnkpcXVIn5GNdVnDhF7F/bkHvY3umHQl+w7ZIq+1wQ+qWiB+ibX1NQt"
    "qqB12QweqgUFwgbwFZoEoCXUAEFgSJG3aOmlrRPaM4Fuug4j+mgUYtXEqus2UTF3LRlQe6"
    "Z12Ggp8lMVf4Ms3ira6YnD8THhd0JVHQIXFpEuq2NNs+kuKwfToZBz1g3LHBfxUk65kamA"
    "fdzdL0Fm1XAtsgeY56P050CTf6aUvF7VqFQV/X6ZfKuXG3yrl0nfKn1VgW6YjrJfvoL4Fu"
    "/ue1UNR9CHOyYRgxuUj6Grn6XaTZ+X/vzj6vL64/Wndx+uP9Ei/EGDMx83AN7pjeJe6kCb"
    "SHbWtuksEpp21FkdSB+v69Ye2r1Wp3eXUzfwxRrAO5iYw3Zv1ADs78QctG/7vdtOt90AwW"
    "Fc5TtNHMFT8ARtlNrlwyLH6/Vvz6TLx9XmBK6bfYwCcRk5KLWnkXv/oW0jO9nWI9qaG2IG"
    "gdRO37fzUSRH7T9Gkeb0v0hv7pt//Bpp0m6/d+cXD33Bbrv9GxmY+xmHF2YmQv42DonJQE"
    "2Z21dGE2Q0oSwu7wzRhNO4u29tqOnkRjV4Awnc3dEC9U3u7hkvqkxDZbe6u7/NVQJUjzoJ"
    "5ioGjO7gUyQtWhNQDQMtWY3MKY1MCDy3OrCgrSMt6eEuoM6JOTFHc8gc3EB32ZvMfTpVMQ"
    "TPDkW9QW8wo7bmM2TX6TEy6bvTl1INMH5g3z92v0d240cqTh9o4WD6MDqZUEWcQmKs+H3p"
    "DeoAI+6NX1e5nCN6owGFEwMDzV4A/G7pjEk6U00TEYBeoY0taGpp3vcwOdR9JYWOQdvztY"
    "f88tL1flLXe6RtcioicVmpbpZaHfGaiw7aHRvak5TNXOpmZl/8HC4vv7h0d8XdXe5UmAfL"
    "kISEMw7ndOWikYDzt2G/J8YzJBL/6OgzAv4DDB0fDNfQ7D51dIPoJr5gtz3FBM8g2uxlij"
    "uUYh8WVkHcy8RUOPaI2ft3SEL273j/lta+tPaltZ/J2m/Rh62lmvr8aj2Dna/5BbMZ+cza"
    "fbaZRW6pOrfG2Rl3zuYmMHHNdhvSD78GnvVXyLhmgL15io2/V5W+iR+4An7BtBqbMHv+0Y"
    "VizEhOF082WihBqccL8M3jyC11MueuAf+OIdLchI0CAhecY2eHKXTpJjvnVPFhwd5Jmurl"
    "MtXVBXJEn7/0aHYgIBkcggmbd/Kc83VYRk7XcfZWiWicZwvoBv0n+Dzvqf6E5pbzhXarDh"
    "TuWduXT7gzXlHY3tnV1i/Dn8HyqZcu+qn6ZdA4WxXMoFNs1zDdqjHV/wBBFtMEmSIWC/W8"
    "UYHl2FRZY9Egi75xneqGFtXuEKuG/kMLa/92MGFa269JnfNQN8mX68OGC9o12CPJdRNSI6"
    "ySRrju2dkhjchIVAWoWraOqMEqWJeYCmpYRHoa44C6sXi8A3UsKinZY2WO42FEZ/GUNUcZ"
    "FhgE0mVeG1N7GLMwxrDdAP7RxHwY9O/7o06/1+zS0+t/Jmaz9dt4OLrnqw/WxxNz0O92+1"
    "/bgwbwj+Kq02lWINhQxaIAS/qCprVEFXjTUXzfZ1ox9n7DirH3yRVjmC8bVmZzOHtBDlEw"
    "xCxEJfRCbMgdtbGWQpqiRJmkrt6/z9AQtFR6WjR2LRZNRLq2E2U9IiinpDJPSXJdQvoIoy"
    "+o9U1j5fXAM2l2b7BIGrsMbJcB1sMGtteAs8ixYF3ojSf2+fcBNFQiproIY9UVgfvH4Z2z"
    "A4ih/ap6T5ziog0Xqmdw1Nqx8hmS3MyRoTFH6qPrE3sEM9+56npVg1zKFkJGA8xYITeTMu"
    "O9EzBdMcq8vQKIuUy9CHzCY3ug+0zM5Vw3IPjS7raAamqAcfI9iv5/0zoWC50QtppAJ54E"
    "Bm/YEgD6WfoVLBkpgV5hj4azEPipgrawEP1/tuKZruPEgHDZ9cr2kLOBlpfZokvpQhZTMt"
    "MtpRQ+Zqm8CjuaRcVn3PjLoR0+n+czLCK9yQLnp4x5FIvn+eUx2cHNyObJBp8tJ+Zt//6+"
    "Mxq16YngkKUx6babQ3bSP5qY7T8eOgN2yjsoh1OxRN7/so2NMzG6M/la0PTfcEYUSyW5su"
    "DHxCroRb68yuJFvrxK9yKza9ExFVdwcwAuEK0e6AfxGNuQvinOv9FDXK56cMutHuSkITOO"
    "/PSk5pJ9o4rCE9q54QxEJJoykHCK7PqOlxB/T1gz5tUvZ1fNwLgPxmkEUXp/0Bt3u3FIT7"
    "Ga4WyhTVnMsMb2lIz7EW2SAdqwptMvUM8QzPFdzNujOH222JILASZ0AToEg0eet/gRsOfg"
    "iy15+GQ5hzYEb9bbBuA64Dkq6S8HlwVaWCUC2v3hbrOdeJ8aHknJ5pxuNqWlc97RU1ciPl"
    "NR5pLcUzOLK+AQe2qGnywBc3qm2ZjYEVNpnyDId5BMszKaUmw0xV3oz182gekNQgZUzTSn"
    "Vlgwhu2USh4K3ODMcXvzTb/fjfTmm068u47vb9qDN5e8a9NCuqvwJDF3daPcW0dEpKQPcb"
    "sPke/apOy2HYpItnqYH2RPFOm6TUe/uqRbx9J2bPWopGz1srS6wIEfUC4T5vqpDHnXjZJq"
    "xgdelq1GfODdyWbFszTHHiHSNZNdC7rhchWXKvZojFqd7RW4nKNFHTwhmx7pszlwg95iw7"
    "2wmgvkSIb5j1FmpBe+1zVJjJTEyLKoNcWrktLsLNbsjGaIy4FrUlAut4+DezYs3ss4oJfl"
    "AXE9seWYuyJCMvQrRFQSBI9BEHzRRVnzs3GkfdkjuqfZe9y1kwpX6HwsfRW/0ADuL6NDfx"
    "73OBma/cYV6yzN8ClDI3xKbYJPMpXC0VMpSBKsJMGWCO7irQ7MMBPqxzf6c6ouF5aqkvHx"
    "X1dX7959vHr77sOn99cfP77/9DbQ8ZKXNil7N507pu9FmkGwm4Z0Y0sGsmQgS8bsidG0GU"
    "8LQ5wT0ZhYgaielEglWciShXxew78AFrLMELNHhpjotzRIu1IIVrG0L9Xon4KcOsnZKIle"
    "34QjRP8chQVfhjlo68COTcEZsj+lo87Iduk91sc+a7+t2OKDHzmpA/dwMaUtM9etmoA5EL"
    "pa30QcWETLbaMNpL/llkA9n0Tl1kalCrbbSESYzeZe92XLHHiv9b/1WHpi/sPyGN93eiyF"
    "Mf2ZmPdtRnRtAPd3F1978UlGpLcmHfrzpJ/JTJ8/l/OmOnBKT0PVPQ3nCmqaq+HEu2A9GK"
    "owtyo/v1EHt/wShWrfUtcuk6592rWsJVo2fJDVOidcyVpO74JQLz7EUlbs7uFh2foMKgtk"
    "krmRi8OSJl+FtjgCkSUC3wqq9h7or8Ul+JnAl+Z6OvrVMtdzrBYLLQ+gbezYoihDnhgNUx"
    "8/uzWdYT/IFNDCzjSofE+0XItyGKqwSqAd2nzx+1mKFRPqhpuNGeUpVLLgkIJvLPHnkwEF"
    "aeSUZdQemkdLdJIWrklxEfsCFYT3IPmQ0hefbo+HncNC1FqHWnDjFsut7x9NTFZ+fT7838"
    "S87/dGX7r/1wDewcQc9Udsf1D+MzHHvW7nvsOT+geH5YikpeRpS6Wbp6Vpy8Y1L5vpU/RW"
    "0gjrYtdK+lbSIRG5tjWRrwoZBnqFtkJHQQ5Q42Kyrwr6KlM/82l7IREZ+dsc+fOV7z0DVH"
    "5I5Dwh3RqgCnWoUgWobMQWIddE1p13qb7RsgsVOmSkSu5ZJ427sg39amdjLZlOcOwYlvTj"
    "79QUJfLb+5jI5H4/VbhG0OyJ4II/RKernGZBQlCu6Yy5yyRvVRItS2Jy5SRarsd2AeBWe2"
    "Fn4jO4x/JOouKXfQO8tIoK9eODhnSHnN3TZum/awKjP3y5vsnw91hCMCi5NblsE1g2mkGM"
    "oQbc24AlnM4RegG8lgZY2jqhgxYsdTIHOsEAPj3BGakDjABUZ/QcBvSJDJ3WgOjwS6aZPd"
    "A9CmbSbsreVJx1XCJ+Z4FMK5km9lR82mBk7WAsxWWluVQWc6kAdtshpys+tQvmKX/KT5+g"
    "iF/iFG5plko85BqXHuvSeKwlY0b6rI+s4B9x3YVKHIEtlY2ttJY+YnrcUb/Vz/kB4TKMbt"
    "TqT8xWv9O7awD+w/7rtdk/7ix44jy5MoKw08AokW4kIwg/pUosIwinjCB4anNevlZESsYQ"
    "ZFhGhmVK4s6u7xeWCZnR+zIM1zVVFNroV1CGvEoV8jqom8z9aIgcZcHnZIOrbF1GZhuprO"
    "cLG85zHseXX75y0ajil+FJGuxhXYpesHnmYIIWKVnctia0iEkX4mAsUa8+SDYLd5vw3XZr"
    "ScpWZtGX3LClNB+f83QxFZpTRLV0ttXXniSqpqX/7u4XdmZdIFM6EeSQKRKsq8yD0I1uGP"
    "RB+kFVVQRqqhrMzCtkE4Ebt66qQvVsq6x4AUDd2dVy+UQXNp90a4qzhMxhuxgUAlbW/RDO"
    "Eqb1PgV7YhXdGKGKUHmewX3zjlXOgxqNkkgq+iZ4PCa1Ak3NQvreU983t7q2V1vlUWPmcE"
    "GQ+aT7quCVyzUuzhGYDmz2LYR2ShR4JvGMvDsJCbBIjS7EEdsWaVDiDSfDDhUOO5wdKTH/"
    "6Kw1b0edr+0GcH8n5mjQaXY5M9E/mpgPzeFIaY1pKf+IJUt7aHZ4pjT2OzE7vdv+/UO3PW"
    "rzdGze8cS8bfZu212WU80/qmVq0oNvTuTYNvPyWtDWkabQ1rLz+yhT6qigt/JMvJOZeI+x"
    "ZoOiXfxyNbxXg2z2Uje7F0wLz+C7heMENciQXPbs/m50bffI0IZqChiB5VSKKzEAJd88ff"
    "SdZzAwC99cprCsMB+6DHs+F8uGljlBM9F1U3KCDujXYtC5HeVjk27noufcyHx3JnoZOnQR"
    "PPTiCLqcHC1woPmk6XSXGb2i+HtASj9Zdf1kcKHqRh47KhCoHEH33VUWDiktlWo38WvRKV"
    "/HCv3ekidkL6jetdBFEQOEDKiaKf1aJB+DfkorONR8FZw5bo++6fe7ER35phNfiT5mm6W/"
    "ueSNQQvp7kdU0hirb7lIGuPh1ZYScanK6dUpG5XqHFGSTKrMUB2bSXWO3el4RKpzQeeQiz"
    "89VlALGvortFc1gZkZL1LfZHH6jCUtXHpres++Cd0cmwAtoQYIAoid8dhdFIY5BJj+C+1f"
    "MHDp+MBGy2QOz30qEu4OGeQo9etIbBH5Z4hnYMLvhCqaBC4sEuRy8yU9b4HM51Yas/n86C"
    "W1h3av1end5cTZF2sA72Bittrdztf2gNFCgsOJ+bnZ4UwR9zc+vE7DE/HGk6CdUpcPhkUq"
    "s3CwsC3NDBUTxe29FDMtz7aGIlG5a1wS4vhEkEB4s89CIC4D6+WJsCYD63xcQNtGdrKp09"
    "NWRqVk1sr8WSs9NXMnx2BcVo6wMo8w6QD+KZo5ZixltYBiYpKzIszFkRPTkIwEdDNnJXAT"
    "7ElaqegirXqMPhHuWtszzcHQKr+C8K3eusEExNEvYpn2DY43QrrPMdxO232O4X6SZUuh8a"
    "AL0BP3Cbp8nl8w/UclwIYzSFVD7O7xw9deirYLyiU/MSdmi7UAFedOSQzpxUe3UZhy8tjg"
    "xT2tVKfStDOvAAvushcFugnmOibIXtWBamr0KrIybjD0Z5SvtL6n9ECe2APp2LloO17xMi"
    "9n23W5w9vrLCn0WbENyd+uE4n05YYSJ9tQAlLDSzBnb1jcE0hUsINfXmXp37RUumf8Sm4T"
    "8XMaxaEJO2czRyWlh6vMrVyudSXlbViZZ39vWAtf35AC+NqYSYK+Q+6aMAWlIsAfg9yTum"
    "Fv3NuUwcTOvmXvEC2oPcqsXW4Tz2nltMk4J0f17OV6sKMuNW45NYc+H4VFNbHqGnaqa0PP"
    "VAcLduwt/hbMSu/Q/3SN7eXLyj/q2qNv0NvUJof0VYN6qDhkHZIWIPbqENv9SpO78E0cGV"
    "RCq2Q75ceXLbN9UhsPm3dtZfRl0B5+6XdbyqDdvP3CSD2cznxB5hSrOTK0C5vtWQ21iZmU"
    "GPa7X8UiGBmvTKY5HvWVUf9BGT8ow/HtbbvdYgIzTnfGF1zTIchSHOsCO7MZhFpcyucaiU"
    "SeVN2AWnzAZ7Gzik/Qz3pSssP8Nuz3UnRur3xc29ZnBPwHGDo+Y8VBBCpDYrP3IO4oiA1a"
    "VkHceyAt212aQto80uaRNo+0ecoN/EFtniaFfjavCawd78pGO0ddlynNcvlUMq7wAyiIan"
    "udfT/Vv/Tk23SNnxluwvhPeigiJFJmXX/XYNshcouxQZUDYa94BdG9zLSL1eWGXawuk7tY"
    "0TsSIcUo3Q4JiUhTJKcpkmMRevGT2Y//B8X1Py4="
)
