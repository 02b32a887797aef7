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
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        ALTER TABLE "credit_usage" ADD "reverses_id" CHAR(36) REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE UNIQUE INDEX "uid_credit_usage_reverses_id" ON "credit_usage" ("reverses_id");
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE' /* CHARGE: CHARGE
REFUND: REFUND */;
        CREATE INDEX "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        DROP INDEX IF EXISTS "uid_credit_usage_reverses_id";
        ALTER TABLE "billing_outbox" DROP COLUMN "cancels";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
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
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        ALTER TABLE "credit_usage" ADD "reverses_id" UUID UNIQUE;
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE';
        COMMENT ON COLUMN credit_usage."kind" IS 'CHARGE: CHARGE
REFUND: REFUND';
        ALTER TABLE "credit_usage" ADD CONSTRAINT "fk_credit_u_credit_u_11b99fad" FOREIGN KEY ("reverses_id") REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "fk_credit_u_credit_u_11b99fad";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
        ALTER TABLE "credit_usage" DROP COLUMN "kind";
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
    "eJztXW1z4rYW/isavtztTG5myybZlLlzZ0hgU9oEMonp9rZ0vAYr4MZI1JaXzWz3v19Jfr"
    "dlsMEQ29WXxMg6sv3o7ZznHElfW0usQ9M+vTJM00DzkUOm+EurA762kLaE9EKc4QS0tNUq"
    "vM0SiDY1ucTUzariMO/UJpY2I/Tuk2bakCbp0J5ZxooYGDGZLlhCAi0AP0NEAF5DHRAMHg"
    "nNQnOvLYMQiICBAFlAYNNXA7RAZNMyaQFAs4FBbGBCfU7LsPD6lD1VxzP6WPomh3qAg4y/"
    "HKgSPIdUyqKP+f0PmmwgHX6BNvv5e8smGnE4Pgh+IapGH7Ncsf+tP1je1bP6ZEBTj0Fu6C"
    "w/T1fJy4qnjceD3geek33ZVJ1h01miMPfqhSwwCrI7jqGfMhl2bw4RtDQC9Qj+yDFNr8L8"
    "JPdzaAKxHBh8hx4m6PBJc0xWi63/PDnIhYY/if05+6/3apFsqjocKepjX1HVVqrS2Sskqs"
    "lLmmHEGoyBCEPx6ze33BAQntpiD7j+sfvw5t3FdxwCbJO5xW9yuFrfuKBGNFeU10iIsmNr"
    "c6gWwzoqc1zEfbAqBm8I50xDM28kyItmRGQPMD2oAiz9LCGY4ZhTGzT5MKXyXylArxeaJQ"
    "Y0LpXAlL7kLk3zleFsLbUvqgnRnCzoz+/fvt2A7y/dBw4xzcUxxnTOcaekoXer7d6LY00/"
    "lRRB2c/fQHwvznLAe3GWiS67FQf3s2Y6gjY8QEQMbpA/gS593zqiO2cv8e/292fvzy7fXZ"
    "xd0iz8RYOU9xsAHwyVBJqhNpFurH3kLDmmA/oKbGRNYRtKH6/ptu77w95geFNQN/DFOsC7"
    "mKDH/lDpAPZ3gh7616Ph9eC23wHBZVLlyzWeXOQZTi6yR5OLZHv3FDxBHWU2+ajI8Vr925"
    "o0+aTanMK1R4EhxhKKwRWIJzDWPflT/6KG48wGRJXBXf9R6d7ds+KXtv2XyUHrKn12p81T"
    "XxKpb5ItPigEfBwoPwL2E/w2GvaTmkyQT/mtxd5JcwhWEV6rmh7FxE/2k2IVbmo2UaFlYS"
    "td1wqtTXE9x6V2Gt/qo0gq/V+VWHX6I9Kbu+6v38Wq9HY0vPGzR0aw69vRVVKBtyDDZoc+"
    "FpeU3avS3ctmJkLxOo6IlVDBNepqdatfApFGq6oYrxETKpPYqG7FbjHGGTn39Cwkjlyw0v"
    "B+wBY05uhn+JJSwxOQepyqEhRUT1jD1LBLW9o6YDTjzYp+P/1qSFyDpft43e31WxznqTZ7"
    "XmuWrsYAZ3dwGydSgrzpW8v2MpmiIW3O4WHfwd7aQ/7agrpBrjSTV5CA7o5nONlEd894Vn"
    "UaybuV7v640AjQgIsPWGg2cGyoA/zEaeYVLQloponXrERGSmMEgUergxW0DKynGe4Sypyg"
    "CVIWkBHcwLA5Fc7o06lmQzB3KOod+oAZtTXnkN2n1xjRb6cfpZlgfM/GP/a8T+zBn6g4fa"
    "GlY9OXMciEKuIUEvOFP5c+4ATYmLPxYZHrBaYPeqBw2sDEs2cAv6wMii6YaQhhAvBnaNkr"
    "iPQs9v33SN90P0mlfdDyuPYILy+p91el3mN1U1ARScpKdbPS6ohXXbTT7ljRnqSs5kpXMx"
    "vxC1BefnZJdyXpLncqLIJlRELCmYRz+uKikYLzp8fRUIxnRCQ56BgzAv4GpmEfDNfI7D51"
    "DJMYyD5lj32NCZ5BtJllShJKiYGFFZBkmZgKx14xf/uOSMj2nWzf0tqX1r609nNZ+z36sq"
    "1MU5/fPclh5+t+xnxGPrN25xazyFeawa1xluLO2dwEJq7ZbkE68OtgbnyGLNYMsC/PsPH3"
    "KtI38QMq4F82LcYizJ7/5EIxZkFOp08WXqpBrk+n4KMXI7c2yIJTA/4TI0FzE9YLCFzyGD"
    "srGkKXbbLzmCreLdg3SVO9Wqa6tsSOaPjL9mYHAjKCQzBh80ZecL6OysjpOhm9VaEwztoC"
    "ukH/CYbnPdWfyNxSX2i36kDRliVWgVKDQWnY3ljN1i+jw2D11EsX/Uz9MqicrQpm0Ci2a5"
    "hu0TbV/wDBK6YJMkUs4ep5o4GVY1FljXmDVvSLT6huuKLaHWbF0B80s/6nYxOmtX2X1jkP"
    "9ZA8qydC48uCS9o02CvJdRNSI2ySRhi27PyQxmQkqgJUV5aBqcH6UgDUqIhkGpOAur54e4"
    "fQsbikjB6rsh/PxnQWz1hzlGOBQSBd5bUxrfsxc2M89jvAv5qg+4fR3UgZjIbdW5oc/pig"
    "bu+n8aNyx1cfhNdJNel1VhtYULNFzpTsxUuhRBNipOP4nudaHXa+YXXYeXp1mM2XCKuzBZ"
    "w9Y4eoNrSZO0rIOGTDvrmUUqriVdeQxiuifX6eoyJorsyK4PcSnkNs6DuFp8cE5fRT5elH"
    "rkHI7mH0A/URMl+8FliTavc6iwxZl07sKsB6WCd2CDjzEgvWgF55Yh9+foCmRsRhLUK/dE"
    "Pg/nZ4ItZ1MWQSsYEHYisRG3g+thOxIzem3SdHuaS3W0wHrJk7fq3ZnsNcP2E7z6wXeHkC"
    "nrBFr4zZAuDpn3BG0uxrqSVvCZmnatJyhenv2Yv6DF9Srvho3sh8S3NF77jPYz1IMrWvy9"
    "SKIx+zjZSMsMdKGe87WiTlb2whafBy+cV4vFEBXNOCkrxNghuOyQWG3ZiQ3KApjuizIVrR"
    "ko8m9WWPuAsL+7Kbfnr6iqQnXMv8Rge4/9mOKx/Gwx7bboX934X9vMwxAl9mDsCXkvo8Ov"
    "WZ1AcLYC0QbR7oB6E5LUi/1CbqQrMXxVp3XK55cJevw9kMM6G2cWXMMxWOqFSTVLkf2u13"
    "79633767uDw/e//+/PJtoHakb23SP64GN4NhYscZwUo3yfX+Eyh9Se4eIOQZWoUjngMRqc"
    "knJ1y2whDaBRFNiJWIak03A5buh+O4H5IjQQmwjr1iatn9c8TkB2NfDFH6fDAc395Kj07J"
    "Hp302JrGbYSggumfg6weqeKIurWZJiaUHL7HbNTZws/stupjn7fF7gp7lVtsAbfiHVxOac"
    "0sjFVL4FWM3D3Z5FRcxvNtcylmf+UWJx6fEuQi2ko54ixs7hxT68tW2SnXGn0c9h86gP9j"
    "EbN3gyELlqX/Juiuf3fFbrr/d2GOy4+bldxDNvQyzkxSEdWnIpoDp7Sbm2431xXULMP5ld"
    "db35saagk0cZ6+UQdf+TlK1b6lrl0lXbvomVnlnpZVoUU4BzkrK/pmKZCzT+dIiDXBN71J"
    "Lz7E8RzeCrKVZcygusSILMxCERlZ8k2oiyOEZcTge4GatQf6obgEPxf40lzPRr9Z5nrKGM"
    "rjmnmidexYIi9DEe8MUx8/uCXVsB1kkt2xQcyZBoXviZZrUT5GCmwSaIc2X/x2lmHFRJrh"
    "ZmNGfYrkLNml4BtL/P2kQ0EaOVXptYeOCiUGyXLXZFDEvkAD4W3nsiLbG6zIdtqKzF6Ytt"
    "0fVodFaq0BteDGvX6vA/yrCWL5w/Torwm6Gw2VH2//1wHexQQpI4XtRMP/TdB4eDu4GyhM"
    "MLishiftuOc7V830KXvTMmwbYmole9OyiIhc95YClOlIxVSSiIh0T212T/ka4p5eFJ+3ry"
    "ekW70okQZVKS+KhdnyzpbIBPFunWw0PyKZDulOydp0QFog0gJpsIosHS3yHPTKtfuakMu5"
    "1qU5K33Hao5LNrCaa+pTEFR7igH3u+j0paBZkBKUy+jkSXQHgFRGAx4/GjDs2yWA2+y1dK"
    "lhcI8VdUSzn/f1QtIiGtSOD+p3fOQhKP3PUHxMTfT2ySbD3wtlgUHOrbsjdtlJMDNos7Nh"
    "3MeANZwuMH4GvJQOWEfPFmSHzcCnJzgj/DRDqM0W7HRC+kamQUvAtPul90k80DNKDvfctG"
    "FOedZxhYIQSwwHkvscvlbQZ9CzdjCWkrLSXKqKuVRCCNYhpys+tQvmKX/Kz56giJ/jNWhp"
    "thduhBqXjHVlGGsZ1iE56yMr+EdcHKARR2BL5Ty2KZA+4o6kyqg3KjiAcBkWE9MbTVBvNB"
    "jedAD/x34N++yHOwu+8tak0oOwU8eokG4kPQj/SJVYehBe04Pgqc1F47ViUtKHIN0y0i1T"
    "ETr7ZD+3TMSM3jfCMCypodDGR0Hp8qqUy+ugNJk7aIiIsmA42UCVhXnklhiNZb5s0xEcLr"
    "9hsbqXv3HeqPLXiskw2MNSip6zeebYBC8zthrbfupyXFqetpxjywXuNFd3OyAjLduYlUny"
    "jIzKDD71pJhK3fgCO2SKvwg6Z4EQqivDNCnOo6ComrWDXBtfTDWTmTCl7N9+5ZbVVKjmls"
    "aylwDUjdUsOiNO/rM90UuBKe/u6rWEKdz1fE+s4tusNxEqj8LZdxejxlFdcTpbxgzvFTMs"
    "3gsqG9D8R0XstCFUTSjBoidGCLDIJOiSiG0j69RkxUnmrsHMXe3ieor3zlb3Whn80u8A9/"
    "8EKQ+D7i0P7vGvJui++6iovTHN5V+xTXHuuwO+Iw77P0GD4fXo7v62r/T5tjve9QRdd4fX"
    "/Vu2d45/1cpVpQc/hMKxLEaUrKBlYF2ltWUVN/MzymigwV8TAz9X6FCi2qDotKZCFQ+FJ4"
    "rLaq9WtXt8dHQG343RFpQgWe38uzi7BPXu5OqGYkrogdVUihvRAWXIZnbvqyefnidkU+4C"
    "1+CQwiqc7VluQKHcVi9XxFvGtnoPdLR4GFwrxQKytodzFjywdvdgzio06DJCOcuLcePxhQ"
    "ICzY87zKbM6B3VP+tL8mTN5cngUjPMInZUINC4GLd37TxhWDRXpt3E78WnfMNW6XhLnrC1"
    "pHrX0hB5DDA2oYYy2rVIPgH9lBZwqPkqSDlui74ajW5jOvLVILmYc8wOxX3zPa8MmslwB1"
    "EZCdR8y6XUSKDjhyNUk6WQ0Qg1jUaoY3M6XjBCXdA55EqXLrSM2aIlsAO8O5stgTBPZeyA"
    "zABqoRkgCJr2mkV1NdNSjnPIVvs/0zFYGL6SrfhHRKrsFK+S04R1qgIIe9kbiO5BNlejTy"
    "RQRDj99DgaZmj0oUhSnTdmBPwNTMOucQSgCFwGRkxnT+2ak9wgJ6GMswKuRLzrMZdtfvs/"
    "SJL4AQ=="
)
