from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "last_used_at" TIMESTAMP,
    "revoked_at" TIMESTAMP,
    "created_by_id" CHAR(36) NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A tenant's API key, stored as the SHA-256 of its secret, never the secret. */;
CREATE INDEX IF NOT EXISTS "idx_api_key_tenant__29965a" ON "api_key" ("tenant_id", "created_at");
""",
"""
DROP TABLE IF EXISTS "api_key";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "api_key" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "prefix" VARCHAR(16) NOT NULL,
    "secret_hash" VARCHAR(64) NOT NULL UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "created_by_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_api_key_tenant__29965a" ON "api_key" ("tenant_id", "created_at");
COMMENT ON TABLE "api_key" IS 'A tenant''s API key, stored as the SHA-256 of its secret, never the secret.';
""",
"""
DROP TABLE IF EXISTS "api_key";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtz2zYW/SsYftlkRs0kju14NTs7I9tKosaWPBbddht1WIiCLNYkwJJgZE+b/74A30"
    "+JlCiJYvHFpgBckDx43XvuBfiXZJAZ0u03PVP7gl6kLvhLwtBA7CKV0wESNM0onSdQONXd"
    "otDUlCe/0NSmFlQpS55D3UYsaYZs1dJMqhHMC/cARRhi+i8b9O4GgMl1gE2JhWYA2oAuEB"
    "h/7v1wcnYOyBxo1AY2Ui1EOwCjb8hyC3gpb/j9ZkRlN9TwY/1VO1j700EKJY+I5VjsBl9/"
    "Y8kanqFnZPOfXyXvfrw0E4MUzRRIpd94MfNJmWtInyUw1Wa8qJuu0BfTTXt4GFx/dEvy15"
    "kqKtEdA0elzRe6IDgs7jja7A2X4XmPCCOL3zYGN3Z03W+YIMl7E5ZALQeFrzCLEmZoDh2d"
    "N5r0n7mDVd5WwL0T/3P6X//RYsUUZTiSlXFfVhQp08b8EVJt4yepBPP+oWHKAfzru1dvBI"
    "ibKvEbXH3u3b96f/7ahYDY9NFyM124pO+uIKTQE3UbI0LZ/Z/B+WoBrXycg/IppNmDboJx"
    "kBCBHA2EAL4AoB1AKhnwWdERfqQL9vPk7dsVGP/Uu3dhZqVcnAkbud6IHvpZJ14exzvC17"
    "TQXHuugnAk0UKM352XgPjdeSHCPCsJsDcJKQtoL6qgnBKrB+r1U8begD4/LQH0+Wkh0Dwr"
    "CXRs0s7gfM1yqGagfKyTkimoZ77om+DiCPv4CqjlwW1/LPdu73j1hm3/qbt49eQ+zzlxU1"
    "9Sqa/S/T+sBPw8kD8D/hP8Ohr20/N9WE7+VeLPBB1KFEyWCpzFMQmSg6REM+vQpopjb9TQ"
    "adkamtofQaKl629pC30jTxu1c1JStHKTWzmYfKcvSjWNOiNYp3Ld3AZeq0tH0HoGTUVYE0"
    "ICUgYptwDnT7nWSWQyJuH9yOxU7REzY9sFecCeBGI1zzDxLXM5rOg4YY1So9nSgsvQbE52"
    "K/b+7K0R9XTg3viqd92XCmaFGsB9sNExWiZloc1MhPnw8m48herTElozJdGfeQ45IamUsG"
    "w2yzgx0ikQw0cXIv4u/Ml97C81XWcvOXLolDxLOZxUskBnFTU19YoqJCpbgqEyGBAWQN8Q"
    "poAs0QxQAsYMeZOVXloaZT0TaNgjjNijMYghtqFHm0DbpZZ0NHtkdVhkmcdT1X+DMmwV6/"
    "TUcfHB6JkyVYciw6SCstrXMltMWTk2GwoVV924zH4Rb+SSG18K3IGlVOUBk1JtZKpKsYHv"
    "VrCB77JsIHvVHG2mGOWgfAvxrZ+g+gZ1J6cPDzDNBzcsn0JXO0pFkT0v+/fDybvTD6cX78"
    "9PL1gR90HDlA8rAB8M5TSvGq5/2c7ax46R0Q2T9Goovb+uK931h9eD4aeKq1kg1gX+xQSP"
    "+0O5C/jfCb7vX42GV4ObfheEl2kl5TDMt6+S5LRRYZePi+yv1789ki6fVvQyuK5mxXLEBd"
    "fdaG7M5auRZREr29Yya80VLHcotdH8dkR8Z/8XOdGcwYz06rb3y+tEk96Mhp+C4rEZ7Opm"
    "dClcSf/E4WVzE6F6G8fEhGuhye0r+G/BfzeFpC3Bfx+GoL2y0Eyjl1B3GyiHoE0W6KwiaF"
    "W3qDKNlV1L0P68gBRAP9gPLKANuIM+COozWU0A6jpZ8ho5jUowAj4RDExkaWSW5WRrqHOC"
    "J1heIE7JAs2LN+SE3xTaCDw6DPUuu4HKbM1HxPPZNcHs3dlLQR083PH5j9/vd37j35k4ey"
    "DDsdnDaHTCFHEGif7i3pfdoANs4vLHUZXLBWE3umdw2kAn6hNAz6bGYx9ViDGhgHxDlm0i"
    "PCvii+PhjN4rKWwMWj47HGOSBVl8ULI40TYVFZG0rFA3G62O+M3FBu2GDe1LimZudDPzGb"
    "8C5RUUF3RXmu7ylsIqWMYkBJxpOKcvHhoZOH8cj4b5eMZE0pOOplLwN9A1e2e4xlb3qaPp"
    "VMP2G37bQyzwHKLVLFOaUEpNLLyCNMvEVTj+iOX7d0xC9O90/xbWvrD2hbVfytr/ZEH30Q"
    "tsfS+7U8LSfwxLrrXzvaptZvMCSkxuG3ObOmWLv4LAdCy2jHNz3WRv3GEmsWkRg/Bq2A9W"
    "ePYHs6MNhOnrrOG/q5tU2z5oIYP1Df5IIhTrsNY1NIiTN2MVO6BDARF0kbPGRj27PKQJGY"
    "FqDqoms+4tjeaEOheCGhcRqmAaUI8stTfw7SUlhXuvyUSLTdgqXhAUWiICLJRucvCidPfA"
    "7cxxvwuCqwm+ux/djuTBaNi7YcnRjwnuXf/4MJZv3fCw6DqtJh0mHMxC0M6zdoujSyOJNg"
    "SxJPE9KxW+e7YifPcsG75ru7sOFHWB1CfiUMVGNucLcm3iFVvPV9ZSS1M0aCP6ydlZmVMV"
    "zs6KT1XgeSlqh2izjeKHEoJi+Wny8iOCxIpHGHvB2QjrL34PPJJm9weLiCkSLGMTYD12lv"
    "GB72mTCllGL7tTgmV0wpJrWcaRF1ETMH+upL+7sguWPApnCW0/yGbW4Ts1lwtidMCcWOxK"
    "UxeATP9Aas55ZLXWvCZgh+kAhknYb/XFPYstHbMjziprJNuY714tVrQLfKuNMkAbs3tOUL"
    "n1cmRzixhK6BSpgGtWUBCQaXC9qb6ilpgQ2mL2PR6br8Iu8PSSWGGazRFtH5+0ExrDQuxN"
    "7eqHF6bl2gd3/eubzTHLnYkvtcfCyTgu1aZl7t8nJ+/ffzh5+/784uz0w4ezi7fhlJzNWj"
    "U3Xw4+DYapLX85oYaCy/knUHaCvKl9XXZsZFU+6yYUEVqOoMIOcbyc458ItyWsJQ+Wa2ZX"
    "XYtpbJwmEGX3B8OHm5tDsYu3yJgiy15oppRDLsZyO6u4RSNZbh2zWIzuGi7P7Wpi012jiD"
    "qL6BvHjQSyTSbtpNHPw/59F7j/eFTI7WDIA0LYvwm+7d9e8kzvf5rnPkxsiNC/i6EXvlSh"
    "jjdfHW8PnEIfb7s+fqygFinkB/b23+kQSzmauJu+Ugc3gxK1at9C126Srn3YD3g1KNB0Jw"
    "f2xp8sA3LxEYEpsTb4Z1bpxbs4I9CPkjYtTUWKQTBd6JW8kkXybWiLPbgmE/C9IGhtgX4k"
    "LsAvBb4w14vRb5e5njGGilXMWGgRa2OH3zfTOS59yY9f7pEOC5afmPr40avpCPtBkU6fnM"
    "ScaVj5lmh5FuU4VmGbQNu1+RL0swIrJtYNVxszyjxWsmaXQmAsuc8nHArCyGnKqN11ZBTV"
    "aJG7poAiDgRaCO9OPgJdHLi+3h92DEHs0oBZcA/X/esuCK4mmJeP0uO/Jvh2NJQ/3/yvC/"
    "yLCZZHMt9t7f6b4IfhzeB2IHPB8LIZnrT9fmSmaaZP3QdzEFvLp1aKD+aIiYi4+AygXEeq"
    "ppLERIR7arV7KtAQt/SiBLz9cUK61osS61CN8qJYhG//kPJMED+rs9L8iBXapTtF7D0UFk"
    "jThv4eVGThaBEfY2pcvz8ScrnU3gzHnG3YzEnJFjbzkfoUcpo9w4Bnvl1eVk/ICIqtJOI4"
    "7B1AKqIB9x8NGI3tGsBt9x6dzDRYeadOrD9D+2lbLySrokX9eKd+x7EbgtLn36mXcoz+eH"
    "ZnleHvh7KgsOTaQ5J6/LRzFdn8/HPvNmCJpgtCntyvkNEuWFoaZYMWLDW6cL+ZhuZzpFLv"
    "Q2VQXbifPDNNXeNfVWPDL3tc0o7uUXO456pDI+qzjhsUhFhjOJA4B+lQQZ/hyNrAWErLCn"
    "OpKeZSDSFYu1yu3KU9Z50KlvziBYoGJQ5BS3fA1zg1LhjrxjDWIqxDcNZ7VvD3uDkAUifH"
    "lir5aYJQen89XZJH16OKE4grw2NirkcTfD0aDD91gfuP/xr2+Q9vFaw6Gi5KjIWLwpFwIc"
    "LVhQdBeBBaoBILD8IhPQi+2lw1XishJXwIwi0j3DINobM727llYmb0thGGUU0thTY5CwqX"
    "V6NcXjulybxJI48oC6eTFVRZVEYcidFa5svWnZwPqK7YrO6Xb503qv69YiIMdreUou9sVh"
    "2bEqPgqLH1XxZMSosvCpY4csF1miubHRKflW3NziRxTnxjJp/jpJhqPfgCmhr/wsiWQVQ9"
    "U/vifabkyLpAqTMviEOn5Hk7hC41XWcPMgqraiNQU6hzM2/LzuR9a+/Sq6utUD1akBevAa"
    "hPVrson6SDhH+zsBaYwm83thGm6GT4LbFKHkXfRqh8mmvbk55aRwcmKX8RV71VXHX+eVnF"
    "gI4wkgn7s6NDs46ENv2+EXGZwKKQxEwjto7QVNINJ9jNFrObRxf7VH10Sr0refBTvwu8/x"
    "Ms3w96N24AVHA1wXe9saxcP7BSwRU/OOiuN3BPDeL/J3gwvBrd3t305b57NJF/PcFXveFV"
    "/4afLxRcSaWadOcf6nAsi5NJJrI0MlNYa1nVqZCCOlpIihwJCVIqvCrVbAjnzKaVGt6vQT"
    "R7o5vd5+zjK/hmrH9ODYL5L3/StUfib05Ar6imhhHYTKW4FQNQhLUWj77j9DmUCWsVJ+W1"
    "OOzyoEvWToIuxdGDpaICC44evGezxf3gSq4WtLY+5DVgwnYe8NqEDl1HuGt9cYBuDGYOgR"
    "bEZhZTZixHCb6HJniy9vJkyICaXsWOCgVaFwf4/qRMqBorVWg3uXnJJV+zFTbf0jmxDKZ3"
    "GVqex4AQHUFc0K/z5FPQT1kFu1qvwpT99ujL0egmoSNfDtIbXh/4h4NfvXMbgxXSvElURE"
    "u133IR0VK7V1sOHLLRTCZHRGwcacTGMXan/QVsHAs6u9wx1UOWpi6kHFvJz+mstJaiMo2x"
    "lQoD8XNNpZzge79bNFd7r+WzIMWm0Tc2B+eG+BQbRzGRJgcONMmxxAdVBYT94i1EdyeH9L"
    "E7UpRHyv04Hg0LrJ5IJG3yaCoFfwNds484SjIPXA5Gwq7JnL6UPmipkzRYeAWXedz0Prf/"
    "fv8/vxHqow=="
)
