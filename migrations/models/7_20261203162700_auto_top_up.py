from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "auto_top_up" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "enabled" INT NOT NULL,
    "below_credits" INT NOT NULL,
    "price_id" VARCHAR(255) NOT NULL,
    "max_per_month" INT NOT NULL,
    "paused_at" TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL UNIQUE REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* The tenant's auto top-up settings (one row per tenant, once set). */;
        CREATE TABLE IF NOT EXISTS "auto_top_up_attempt" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "pending_tenant_id" CHAR(36) UNIQUE,
    "month" VARCHAR(7) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING
SUCCEEDED: SUCCEEDED
FAILED: FAILED */,
    "price_id" VARCHAR(255) NOT NULL,
    "credits" INT NOT NULL,
    "amount" INT,
    "currency" VARCHAR(8),
    "payment_intent_id" VARCHAR(255) UNIQUE,
    "grant_id" CHAR(36),
    "failure" TEXT,
    "claims" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* One off-session payment for a credit pack; at most one PENDING per tenant. */;
CREATE INDEX IF NOT EXISTS "idx_auto_top_up_tenant__54faa1" ON "auto_top_up_attempt" ("tenant_id", "month", "status");
CREATE INDEX IF NOT EXISTS "idx_auto_top_up_status_3dddd0" ON "auto_top_up_attempt" ("status", "next_attempt_at");
""",
"""
DROP TABLE IF EXISTS "auto_top_up_attempt";
        DROP TABLE IF EXISTS "auto_top_up";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "auto_top_up" (
    "id" UUID NOT NULL PRIMARY KEY,
    "enabled" BOOL NOT NULL,
    "below_credits" INT NOT NULL,
    "price_id" VARCHAR(255) NOT NULL,
    "max_per_month" INT NOT NULL,
    "paused_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL UNIQUE REFERENCES "tenant" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "auto_top_up" IS 'The tenant''s auto top-up settings (one row per tenant, once set).';
        CREATE TABLE IF NOT EXISTS "auto_top_up_attempt" (
    "id" UUID NOT NULL PRIMARY KEY,
    "pending_tenant_id" UUID UNIQUE,
    "month" VARCHAR(7) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "price_id" VARCHAR(255) NOT NULL,
    "credits" INT NOT NULL,
    "amount" INT,
    "currency" VARCHAR(8),
    "payment_intent_id" VARCHAR(255) UNIQUE,
    "grant_id" UUID,
    "failure" TEXT,
    "claims" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_auto_top_up_tenant__54faa1" ON "auto_top_up_attempt" ("tenant_id", "month", "status");
CREATE INDEX IF NOT EXISTS "idx_auto_top_up_status_3dddd0" ON "auto_top_up_attempt" ("status", "next_attempt_at");
COMMENT ON COLUMN "auto_top_up_attempt"."status" IS 'PENDING: PENDING
SUCCEEDED: SUCCEEDED
FAILED: FAILED';
COMMENT ON TABLE "auto_top_up_attempt" IS 'One off-session payment for a credit pack; at most one PENDING per tenant.';
""",
"""
DROP TABLE IF EXISTS "auto_top_up";
        DROP TABLE IF EXISTS "auto_top_up_attempt";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1z2jge/yoa3mx3hs00tGl73M3NkEBbdglkEmjvruw4BivBF2N5bTk0s7ff/ST5AT"
    "9IxgYDxtWb4Mj6y/ZPT/9n/dlYIg0azlnH0n+DL402+LNhqktILhJ3mqChWta6nBZgdWaw"
    "qqqlK09+pZmDbXWOSfGDajiQFGnQmdu6hXVk0sodgKGpmvgnB3Ru+oDQNYGDkQ01oDoALy"
    "C4+9z5pXXxDqAHoGMHOHBuQ9wEJnyGNqvglZzR52loTh6om4/lN+2a+h8uVDB6hOSOTR7w"
    "7XdSrJsa/A4d+u+3hvc8WpuQqRhqioobv9Nq1pPyoENDi2Gqa7QqK1fwi8XKJpN+9yOrST"
    "9npsyR4S7NdW3rBS+QGVZ3XV07ozT03iM0oU0fG4HbdA3D75igyPsSUoBtF4afoK0LNPig"
    "ugbttMY/HlxzTvsKsCfRP2//6b9apJqiDEdj5a43VpRGqo/pKyT6xi+aI5OOD93EFMA///"
    "LaXQPCShv0AVefO7ev3rz7mUGAHPxos5sMrsZfjFDFqkfKOmONMvtN4Xy1UG0+zkH9BNLk"
    "RbfBOChYg7yeCAF8AUB7gLSxVL8rBjQf8YL823r9OgPjL51bBjOpxXBGZOZ6M3ro32p59y"
    "jea3wtGz7o34sgvKaoIcbn73JAfP5OiDC9FQfYW4SUheosiqCcICsH6s1LxsGAfvc2B9Dv"
    "3gqBprfiQEcW7RTOXXIH60vIxzpOmYBa80nPgosTHOMZUI/71727cef6hja/dJw/DIZXZ9"
    "yjd1qs9CVR+io5/sNGwNf++DOg/4L/jIa95Hof1hv/p0HfSXUxUky0UlQtiklQHBTFutlQ"
    "Hay4zlYdnaQtoav9GSR7uvyetuEzetqqn+OUsper3MvB4jt7UYpx1CnCMpnr6nbwRl56Da"
    "0n0BSENUYkISWQUgnw4YkrnaxFxji8H4mcqj+aRNhmIPfJm6jmnCeY+JL5OGzoNGFdl65X"
    "S1tdhWJzfFiR7ydfDbHHA3furjrdXkOwKpQA7sSBpyiZ5IU2tRDy4aXDeKbOn1aqrSmx8U"
    "zvoBZKlIR107eWrWWyRDXVRwYR/Rb65oHKiaz9Y2RNrAZPHxXebGaqpOj+gZGluFY+tdR4"
    "AdfaI0oNCPUvrgUciDGB3AGvkAmBjVbAoroiVrUJEBlFtMrPaW1UKS1uVkJJZdNRlU2k18"
    "j3c6C+RMiAqslHO0KVgHxGyE534eGBezkaDWKc5WV/nBDRJ9eXvdtX5wx/Ukn3lqH+cJzg"
    "TmbQIJwiWbw0HTtpyPsm5sOdokuArp/kPkrel/z80jp/+/7thzfv3n4gVdiLhiXvM7olja"
    "5l63PIZf2yNHtrmhrq9loXF3n0pxcXYv0pvRfHmT6BrPjKEpmYo+ATjuIUnRzFvFGsbqnp"
    "iRFKBUCVFQCupW2pt41TSr1tpbu5WsqIo1pCSlRFFBHqNqstRiYcI/Jn70qLKsBfhspiD3"
    "JyB2O4tHAjS1wO6jRzSs1khVwTbJSeyQAA6OHhFwc6DhXnLPVlCU0MHpANVOAx3qRw/vR3"
    "oGKwJKMUUNn3pjfs9oefIvJvWowut+n8Th1+J4bMFhnZ2HUapPa34JqOWPgdB1BJ34/DrG"
    "jNDHHcgqZGnqpstXVwiXfogyQHWIUlbEf7gEBmEQuIImGlDtJhlmASyIbvhZLh+5TbR7iq"
    "pMHtme4ytcXGvT9C6ioj3fDX5XawQE/Nu8nVVa/X7XXbILycmh87/QEt8n6Tu8Jx/HKkgu"
    "QwCpLiCj6p2stWiqhL5PK4dyGga4Kt8KyY7qNsOOeubUNzzjE0iheCKM1WC0HVMI2tAx9y"
    "rAIfhGvAh9RK6zH5CnkYFLBxGUsuj7gUyCvkDLmXhffRLs40R2lK5JWrq0YrwC0/qLrh2h"
    "xn9DERG/lwRkjqsEpkqSN7/xrHNJHB0Hx13fnXzzFt5GA0/BRUjwzlq8HoMrkyG6q+LMQ5"
    "hASHYxxen8g2l1RupFDN1rVzyKXCvdIKd+kP/0N084Nu6s5iq35OkEozaZX7uVr2s+p2rH"
    "Tm3RnW0i1jB/M2vdQNg3zgyMUz9L3BMaHFKzSz7Gczr6qC1nVzxEMvCRA2gM/UqoVWUAMY"
    "gTuCukVqr2ydMFAm0E0vPJm8GoFXNR3VM9SoDgtkNqD2SNqw0YoXFV3+A/KY0aSRrKpGMt"
    "chU6HgthClkV4Vca6ZLu0GR+jMCERak0idSRxNtkwpRWP441Q1NLSc54rkP8+I5D9PR/KT"
    "T+UwL2KUg/o1xLf84PJn1XA5Y1ioiQrrSwsWRxd1esbxwNRdkDfgWch7w3Eb0L9T87Z3NR"
    "pe9Qe9NggvkyzfcazjPoNXRPkaJZHqV6l+/cH1NSzXBLRtZBexGMWppNFoC6ORVHv/CNPL"
    "oSJC8T6OkEl1d5X7V6q7pbpbqrs3qLuvmKfkpWqwDuKou+MVmlnqbs/rUplF6m5Ud39dqB"
    "iofkgGWKgOoFGXQUJOi7QEVMNAK9oiVUrTWA5frU5jOXSkpTXcJbQ5NacmTdhAszHoXq5Q"
    "qj6dqQ4Ejy5BvU2DTYis+QjpfXKNTPLt5KNUA0xu6PpHn3dPH3xPyGkoiuuQl9HxlDDiBB"
    "LjBfjpHprAQUwbv25ytUDkQbcETgcYaP4E4HdLp3lL56ppIgzQM7QdGp4g0r5HU5F6n6SQ"
    "OWj7unaZLqIqqvdY3xRkRJK0kt2sNDvidxeZtFt2tE8pu7nS3UxX/AIqr6C6VHelnOrZVl"
    "gEywiFhDOVK+fFQyMF5693oyEfzwhJctHR5xj8Dxi6szdcI7v7zNUNrJvOGX3sMTZ4ClG2"
    "limpUEosLLSBpJaJsnD0FfOP7wiFHN/J8S2lfSntS2k/l7TfJS/bEIr67G4zh5yvBRXzCf"
    "lU2mXBQcBSdSaN0xJvz2YiMPbEdhuShV8Dj/ozpL5mgH65QMbfqclAxA9VAT85pBkbU3n+"
    "3oNiQp2czh5stFTCWvdn4KvvI7fS8YKpBoInRpzmpnQWYMhSUyA76kInFtmZTxWbFvSbpK"
    "heLVH90DGzVVv8yt6wjxhcWDVoy/GUq5Ib58kCmsH/hMvzjuxPZG85XWg38kDRkbU5Wbe3"
    "45WF7Se73vxldBmsHnvpoS/kL8PO2chghoNiM4fpNe0Q/o9m1aacIGXEEqaeVyqwXJswa9"
    "QaRFOENQlvaBHuDtFmyD+ksvZf18GUa+Nk8N7XQ4qdLGfDJRka9JVk3ITkCOvEEa5Hdn5I"
    "YzQSVX4ab0QEVk5yGiGoURKpaUwC6tninS1cx+KU0nusynY8B5FdXBBzlCPAIKSucmxM42"
    "ZCzRh3vTYIrqbmze3oejTuj4adASle/zM1O91fJ3fjaxZ9sL6emrejwWD0pXfbBsFVknU6"
    "TgSCDVWHZ2ARBzStKergNx3H9yJXxNhFRsTYRTpizGFhw8p8AedPyMWKn5W3YIau7FZkqq"
    "4cqbqeka5t5bIeI5RbUpW3JBmXIJ5h5AO1kWm8+CPwRLrdnyzSjV0atqsA634N22vAqeWY"
    "Exd66ZN9/O0WGirmu7pwbdU1gfuv/StnxwTGW5Rh/g8qNHMoaAPvsHwHQvhnM1CiM9DHDr"
    "hnIe73gL4Hs8vDZ2i/rBbQhuDVOsOM0wQsnJH8MqMCmL2wRjga2v09ZoeDFwWB/2J2WBT5"
    "v6XsWCHWt6ysCmKdbNFEITVOEdLKJfC1MgS+Vlrgi75ZCmZxUHKC7IBZF45gUthLULI0Np"
    "RtbKA+Yexj04xI1lmtccIDHtcalpzsea2eT0DhLEMxqvop5spPNcQS/CnbZc7i0dYP872k"
    "z5L6GTH69dXPyMNH69brHGVsKJ1vfXRm2YK85z8oFOND98KNQnzo1phPiqcR8b7nkycmex"
    "J0G6yor/1KdXxveK1J08quFmjZZGczrhb6fAHQ7L9wLjjVsbSWN8TD6xpcWgjTw3eUJ/iS"
    "8rOP1o0szL/Tkx7Xd7znUVWYdMM6rhsWP6xRzOEIYhrrIPKXz0pKsbNcsTMeTFQA1zSh9M"
    "xKgvuHSxbnYq5uUZLDAXqeBPS8OiCuN7YCe1eMSKaw5iJqqcWOyk2Q1U8Ivzhv5fFIOm+J"
    "PZLovTjYTzovwUo+r72A9oDqafodn3pphitSnoh0YDfawPulCYA/ToZdmv2X/iYZ6zzdUP"
    "JZjdLrbu9ed0kJpgDWHNL6gb4XDzsbki91sLJQnULLeJKufnCXL3U4FDMuf3ypPwp5uShV"
    "nYSPv7Vab968b71+8+7Dxdv37y8+vA55vPStLGbvsv+J8nuxbuAkXpJq7B/Bm1T6Fe4hAh"
    "/ahQPwQxIpNiU3XJrwCjoFEU2QlYjqiZ5NJT1fD+P5mlwJSoB14jdzktM/R4qIcO2LIUqe"
    "D4aTwUA6E++CNseZOL22pnEbmXCMyJ+cI7RYMpMqrqgbh2liQ8nh9i5GnbqOicdqgH3eEb"
    "st7FUesQUM4ddwOSM9s9CtBscOHrnbzDKDL+P1NhnBxV+5wezMtgSZ061SpmMb8dw/8ymL"
    "A9oqm5Ebo69DGpfNfmgA93V/SGO3yc/UvO5Rt8028H630RyXH7ItdQ9i6E/TmSqPC53viW"
    "ToS55nsDjfd4JsK51fxfZGmRa5kjJ0JbQ89YFTqiTqrpI4VVBFOokjZ1a8MVSzwRFyWHkz"
    "S7yxghqlCjZSjKmSGHPcoNcKxRfvJazniCGvFWNODx3z6ueFsmx9DpUlMvHCKOTsIqKvQ1"
    "8cwOMlBt8LVO0d0F+TS/BzgS81IWL066UJKRBWFokjIH3s2jwDThHDF2UfP3otneA4ENoR"
    "YouYOwsb3xEtT6K8izRYJ9D2Lb4E40wgxUSGYbYwozxEapZsrQmEJfZ+0lYjhZyqzNp9O9"
    "xiHYssYQIVcUBQQ3j3kjhJHKW62dR4ChGrjT6R4CbdXrcNgqupSeuvy6P/Tc3r0XD8efDv"
    "NvAvpuZ4NKY5p9nP1JwMB/3r/pgShpfVMFIKErqJz+0U5HOTBqo22wV0vmpFfDxBhEQGwa"
    "YSWyHDQM/QVsgsKABqkkyOVc5YpexnMW4vQiItf9mWv4D53tFAFZhEThPSjQaqyICqlIHK"
    "RjRaucGT7vxbzUzJLlJpn5YqUXIXKdxJ4a7G0oe0YR3LhiX1+Ft1RYX09gEmMgvgD2Wu4X"
    "R7yrgQTNHZS0GxIEUogz+l3+oeIJWOlod3tFzP7RLArXcEaGoZ3CEOFKvO064GXtJEjcbx"
    "Xk26d8y7p0fzhDc4Qn/0djNL8Pe9hGBYc2MW2g49TnsOHXrAtvcYsIKzBUJPgLXSBitbx2"
    "TSgpWOF4Ce2A0fHuAcN4GDAFTnpMwB5I0MnbSAyPRL56Pd0zNK9qTNSvNUnnRcIf/OEj2t"
    "ZD7ZY/nThjNrC2EpSSvFpaqISyV4t+1zu2JbO2efCrZ88QaFgxrHUEvTnOMR1bjUWFdGYy"
    "09ZqTO+sAM/gHjLlTscmSpfN5Ka+oD5tEdj7qjggsIo6HuRt3R1OyO+sNPbcB+6H/DHv3H"
    "2wWPnFBXWhC2mhgV4o2kBeGHZImlBeGYFgSfbS7qrxWjkjYEaZaRZpmKqLObu5llImL0rh"
    "6G65ZqCm18FZQmr0qZvPaqJvMWDZ6iLFxOMlRl6zoy20htNV+O4T4WUXwF9WtnjSo/DE+6"
    "we5Xpegbm+eug9FSkMVtY0KLBHUpCsYKjeq9ZLPwzhPf7liXNG1tgr7kyS6VWXxOU8VUak"
    "4R1dLpmWA7OlF1LP0372CxExsCudKJMKQxshTXIpMBw6WFd8WLtDhG1sTqeM3VFTnk4hni"
    "RKQWwepSNwzyIqOwqToCNVMNKiCXcqbFpddWXaF6tFVz1/nnAfXJrpeyLG5aoudElAJT3h"
    "MnThKm9UkQO2IVP3qijlD5CsJd04/VTpEaN5ZIj/QseHyHagWamoX0ndfxr15zPb+12qNG"
    "peKSIAt87+uCVyENOZe3F+Oa/4ymkLGvjzEjrkxLJELcFa+t0iueCnBb2WFiWAhtMknENt"
    "lnlGTHSWNNjY01J+fKWXx2NjpX4/6XXht4v1NzfNvvDJg/Z3A1NW86d2OlOyG1giuaYu6m"
    "02f55ejv1OwPr0bXN4PeuMeS2PnXU/OqM7zqDWgmuuCqkatL935almvbVDduQVtHmkJ6yy"
    "6u2RW0UUMd74nodHN5iya6DfKOlSzU8X4Lstsr3e2+CTK6g29nxOS0IA2Z+c9E8GyS29vT"
    "MpopYQZWkymuxQSUXvri2XeaJtQ8Xvoy8WeNvcircAh5uT7kMpNqLidnQSbVW7Ja3Pavxs"
    "V8cDd78AeasL3771dhQJfhvV+eWzNzKeco0AJXc7HKjNxRgpMzpZ6svnoyuFR1o4gcFRLU"
    "zq35TSuP5y2pJZSb2L34lq87Cllv8QOyl4TvWuo8iwFCBlRNwbjm0Segn5EG9rVfhSWHHd"
    "GXo9EgxiNf9pPx+5Pry97tq3PWGaSS7i2i0vmz/pKLdP7cP9tyZD+qampypBvVibpRneJw"
    "OpwX1amgs88AUN8lqAsN/RnaLw2O0JSs0sySnwJ3JS1ae2OKTyIle3k2AVpBDWAEEC3xXb"
    "sIDAsIHPIvtH9ygOdYDmy0Sufx3KUh7gmRYZ7SoI3UMZHfIlZzE37HQZhAmM8toPRlX5nT"
    "rTJC4Ok5SzRuesNuf/ipIM4BWRv4F1Oz2xv0v/RuqZNDeDk1P3b6zO/B+01Or+N4PYjDbo"
    "QhhFGS2gQPlnasmaE6WPFGL8FMK3K0IY9UnhyXhji5EaQQzpbAOeTSTFwde2HaTMzmBbRt"
    "ZKe7Wpy6Mk4lM1cWz1zps5lbqbmStHKGVXmGSXXmD9HNCWEprwSUIJMeGNx8HAUxjdBIQL"
    "M9MEI1wY4uGDWN0GomnAGiQ2tztjkYCfErCd/6BQ2mII6viFU6OzjZCWKdY7SfNusco+Mk"
    "z7FCk9sBQA9MJ+h5p/zkkH9UDGw4h4Q1dLxzfljgJe/IoEL0U3NqdmkPEHKmlHQguXnvdQ"
    "plTu7brLrPleqEmgzmF0BNlfRDgW6Che5gZL80gWpq5C6ych4y9C3ufbN+ptRAHlkD6dqF"
    "nFD86lUOztrWef/12zxp9Gm1jARwb1PJ9OWhEkc7VAISwYuzZ2eEqoQUNRzg560845vUEm"
    "vGW/KoiB9TKI5s2AW7OU4pNVxV7uVqRUlUt2Nlrv2dYS3dW18A+FqYSYO+ReKaqAtKTYA/"
    "hHOP8NDepLYph4id/9jeO7Qk8iiVdplMvCCNky5jPjmqLy83w1N1iXDLXHPI+xFYVNNRPc"
    "FO9WToueo6nFN7y38EldL75D9do+f50vr3unYfCPQ2kckh+dSwHUIO6YAkFbD9so8jf6XI"
    "XfpBjhQqrlSy2eUnoK2yfNKY3HU+9ZTx59ve3efRoKvc9jpXn6lTD3NnPsMLgtUCGdqZTc"
    "+thtrUTFPcjQZf+CQOMp4pTWcyHinj0Y0yuVHuJldXvV6XEsyZu7NzFsmtdea48zmEWpIq"
    "8DXikTyougG15ITPI2eVn6SfjqT0gPn1bjQU8Nx+/SS3rc8x+B8wdOeEGQceqBSJbO1BUl"
    "GQmLS0gaT2QEq223SFlHmkzCNlHinzVBv4vco8HQL9fNHgSDv+nUw5R13XqUzwt9AZl7sA"
    "cqza/mDfjfWvvPOtmOOnghvX/iM2RURIqszrb2ts20emLDqpCiDsV68huue5TrI6zzjJ6j"
    "x9khV5Iua6GInlkAiJFEUKiiIFQqrL38z++j/P/IqA"
)
