from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "usage_alert" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "threshold" INT NOT NULL,
    "state" VARCHAR(8) NOT NULL /* REACHED: REACHED
RESOLVED: RESOLVED */,
    "used" INT NOT NULL,
    "limit" INT,
    "period_start" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "resolved_at" TIMESTAMP,
    "sequence" BIGINT NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_usage_alert_tenant__1093cc" UNIQUE ("tenant_id", "period_start", "threshold")
) /* A threshold (percent of the window's limit) the tenant's usage reached in the window */;
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__a9538f" ON "usage_alert" ("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__ea1e89" ON "usage_alert" ("tenant_id", "state");
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__dd4fca" ON "usage_alert" ("tenant_id", "sequence");
        ALTER TABLE "tenant" ADD "usage_alert_thresholds" JSON;
""",
"""
ALTER TABLE "tenant" DROP COLUMN "usage_alert_thresholds";
        DROP TABLE IF EXISTS "usage_alert";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "usage_alert" (
    "id" UUID NOT NULL PRIMARY KEY,
    "threshold" INT NOT NULL,
    "state" VARCHAR(8) NOT NULL,
    "used" INT NOT NULL,
    "limit" INT,
    "period_start" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "resolved_at" TIMESTAMPTZ,
    "sequence" BIGINT NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_usage_alert_tenant__1093cc" UNIQUE ("tenant_id", "period_start", "threshold")
);
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__a9538f" ON "usage_alert" ("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__ea1e89" ON "usage_alert" ("tenant_id", "state");
CREATE INDEX IF NOT EXISTS "idx_usage_alert_tenant__dd4fca" ON "usage_alert" ("tenant_id", "sequence");
COMMENT ON COLUMN "usage_alert"."state" IS 'REACHED: REACHED
RESOLVED: RESOLVED';
COMMENT ON TABLE "usage_alert" IS 'A threshold (percent of the window''s limit) the tenant''s usage reached in the window';
        ALTER TABLE "tenant" ADD "usage_alert_thresholds" JSONB;
""",
"""
ALTER TABLE "tenant" DROP COLUMN "usage_alert_thresholds";
        DROP TABLE IF EXISTS "usage_alert";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtzo7i2/Ssqf5l0lSfVST+P59atchJ3t2ccO5XYPXPPeIpgo8ScYMQgiDs1p//7lc"
    "QbJAw2tjGtLzEBbQFLQtJe+6F/WkukQQOfdi39N/jS6oB/Wqa6hOQgdaUNWqplRefpCUed"
    "GayoaunKk19ohh1bnTvk9INqYEhOaRDPbd1ydGTSwl3gQFM1nZ8w6N70AZFrA+wgG2pAxc"
    "BZQHD3pfvz+bv3AD0A3cEAw7kNnTYw4TO0WQHvzCm9n4bm5Ia6+Vh91a6p/+1CxUGPkFyx"
    "yQ3+/Iuc1k0NfoOY/vtny7sfLU3EVAdqiuq0/qLFrCflQYeGlsBU12hRdl5xXix2bjLpX3"
    "1iJenrzJQ5MtylGZW2XpwFMsPirqtrp1SGXnuEJrTpbWNwm65h+A0TnPLehJxwbBeGr6BF"
    "JzT4oLoGbbTW/zy45py2FWB3on/e/q//aLFiijIcjZW73lhRWpk2po+Qahv/1ByZtH/opk"
    "MB/Oe7V28ECDvboje4/NK9PXnz/hWDAGHn0WYXGVyt70xQdVRPlDVGhDL7zeB8uVBtPs5B"
    "+RTS5EE3wTg4EYEcfQgBfAFAO4C0tVS/KQY0H50F+ff89escjL92bxnMpBTDGZEv1/uih/"
    "6lc+8axTvC17Lhg/6tDMKRRAMxPntfAOKz90KE6aUkwN4gpCxUvCiDckqsGqjXDxl7A/r9"
    "2wJAv38rBJpeSgIdG7QzOF+RK46+hHysk5IpqDVf9DQ4OMI+ngP1uH/duxt3r29o9UuM/z"
    "YYXt1xj145Z2dfUmdP0v0/rAT83h9/AfRf8O/RsJce78Ny43+36DOproMUE60UVYtjEpwO"
    "TiWa2VCxo7h4o4ZOy1bQ1P4XJFu6+pa24TN62qidk5KylevcysHgO3tRyq2oM4JVLq7r28"
    "Br19IRtJ5CUxLWhJCElEBKNcCHJ652EqmMSXg/ET1VfzSJss1A7pMnUc05TzHxNfNxWNFx"
    "whqdjUZLW12FanOyW5H3J28NHW8N3L277F71WoJRoQJwJxgeo2ZSFNrMQMiHl3bjmTp/Wq"
    "m2piT6M72CzlHqTFg2e2l5vkyfUU31kUFE34U+eUA5kbF/jKyJ1eLxUeHFdi4lRecPB1mK"
    "axWjpcYLGLFHVBoQ6Z9dC2DoOARyDE6QCYGNVsCiXBEr2gaI9CJa5FWWjaqkxvUklCSbDk"
    "o2kVYj78+B+gIhA6omH+2YVAryGRE73oGHB+7FaDRIrCwv+uOUij65vujdnpwx/Ekh3RuG"
    "+sNxanUygwZZKZLBS9MdnIW8bzp8uDNyKdD1o5xHyfOSn5/Pz95+ePvxzfu3H0kR9qDhmQ"
    "85zZJF17L1OeQu/fKYvUimgdze+bt3RfjTd+/E/Cm9lsSZ3oGM+MoSmQ6H4BP24oyc7MW8"
    "XqxuyPQkBCUBUGcCwLW0DXnbpKTkbWvdzPUiIw5qCamQiiij1K2nLUYmHCPyZ+ekRR3gr4"
    "Ky2IGe3HUcuLScVp66HJRpF9SayQgZCazVnkkHAOjh4WcMMabqnKW+LKHpgAdkAxV4C29y"
    "cv70C1AdsCS9FFDd96Y3vOoPP8f036waXW3VxZ06/EYMF1ukZzsubpHSfwbHtMfCb04Alf"
    "T92M+I1s5Rxy1oauSuykZTB1d4izZIrwDrMIRtaR8Q6CxiBVGkrDRBO8xTTALd8INQM/yQ"
    "cfsIR5UsuD3TXWam2KT3RyhdZ6Rb/rjcCQboqXk3ubzs9a56Vx0QHk7NT93+gJ7yftOzwm"
    "H8ciRBsh+CpDzBJ6m9fFJEXSKXt3oXAhoJbIRnzbiPquGcu7YNzTnH0CgeCOIyGw0EdcM0"
    "MQ58LDAKfBSOAR8zI623yFfIzaBgGZcz5PKEK4G8Rs6QOxl4H+3yi+a4TIVr5frSaCVWyw"
    "+qbrg2xxl9TNRGPpwxkSaMEnl0ZO+PcYKJDLrmyXX3j1cJNnIwGn4Oise68uVgdJEemQ1V"
    "X5ZaOYQC+1s4vD6SaS5NbmRQzefaOeKScK814S794X+IZn7QTR0vNmrnlKg0k9a5netlP6"
    "tvw0pn3q1hrdwytjdv0wvdMMgLjlxnhr61OCa0ZIF2nv1s5hVVUFS2QDz0kgBhA/hMrVpo"
    "BTXgIHBHULdI6ZWtkwWUCXTTC08mj0bgVU2seoYaFbNAZgNqj6QOG614UdHV36CIGU0aye"
    "pqJHMx+RRKTgtxGelVkVw106Hd4CidOYFIkYjkTJJosmFKKRvDn5RqoKHlrFAk/1lOJP9Z"
    "NpKfvCpn8SJGOSjfQHyrDy5/Vg2X04eFTFRYXlqwOFzU8RnHA1N3ybUBz0LeG447gP6dmr"
    "e9y9Hwsj/odUB4mF7yHcY67i/wypCvcRFJv0r69Qfna1iuCWjbyC5jMUpKSaPRBkYjSXv/"
    "CJ8XpipC+TaOiUm6u87tK+luSXdLunsN3X3JPCUvVIM1EIfuThZo59HdntelMouVXUt3/7"
    "5QHaD6IRlgoWJAoy6DhJwWqQmohoFWtEZKStNYDp9Wp7EcOtKyDHcFdU7NqUkTNtBsDLqX"
    "K5TSpzMVQ/DoEtQ7NNiE6JqPkF4nx8gk705eSjXA5IaOf/R+9/TG90SchqK4mDyM7kzJQp"
    "xAYrwAP91DG2DE2PioytUCkRvdEjgxMND8CcBvlk7zls5V00QOQM/QxjQ8QcS+x1OReq+k"
    "kG/Q9rl2mS6iLtR7om1KLkTSsnK5WevliN9c5KPdsKF9SdnMtW5mOuKXoLyC4pLuyjjVs6"
    "mwDJYxCQlnJlfOi4dGBs5f70ZDPp4xkfSgo88d8F9g6HhnuMZm95mrG45u4lN620NM8BSi"
    "fJYpTSilBhZaQZploks4+ojF+3dMQvbvdP+W2r7U9qW2X0jbvyIP2xKq+uxqu4CerwUFiy"
    "n5VNtlwUHAUnWmjdMz3pzNVGDHU9ttSAZ+DTzqz5D6mgH65gIdf6sqAxU/pAJ+wqQa26H6"
    "/L0HxYQ6OZ0+2GiphKXuT8Hvvo/cSncWjBoI7hhzmpvSr8CBLDUFsuMudGKVnflUsc+Cvp"
    "NU1eulqu87ZrZug1/VE/YBgwvrBm01nnJ1cuM8WkBz1j/h8Lzl8ic2txwvtGvXQPGetT5Z"
    "tzfjVYXtZ7vZ68v4MFi/5aWHvnB9GTbO2gVm2CnWrzC9qjFZ/9Gs2nQlSBdiKVPPiQos1y"
    "aLNWoNoinC2mRtaJHVHaLVkH9IYe0/Lnboqo2TwXtXNym3s5wNl6Rr0EeScRNyRdikFWHU"
    "s4tDmpCRqPLTeCOisHKS0whBjYtIpjENqGeLxxu4jiUlpfdYne14GJFZXBBzVCDAIJSuc2"
    "xM62ZCzRh3vQ4Ijqbmze3oejTuj4bdATkd/TM1u1e/Tu7G1yz6IDqemrejwWD0tXfbAcFR"
    "eul0mAgEG6qYZ2ARBzRFEk3wm07i+65QxNi7nIixd9mIMczChpX5As6fkOsoflbekhm68m"
    "uRqboKpOp6Rrq2kct6QlBOSXWekmRcgvgLIy+ojUzjxe+BR9Ls/sci3dilYbsOsO7WsB0B"
    "Ti3HnLjQC1/s02+30FAdvqsL11bdELi/756cvYUY2s+q/8QCijZeqF2AqLVT5QskuVkgQ6"
    "NE6r3Hid37OzfggFUNd0q0EDI6YE4LQY2mn6F+7w6YvVCXefsFIEqZ+hb4DGO7o/tMzdVC"
    "NyD40htcAdXUAPXJ9130fyF1LJc629KR+hp4Ehic+LtRvAIr6pRArtBHw0Uc+MkCbWkhh2"
    "YLVp7gS8YxIF42imyPkQ1/0U0qojKx1YCkkA9LIfNdMsWaksAfs1aswoZqUfUZN/52SYcv"
    "x3zGRSSbXIPM8U3H8/jymGxAM9J5ssNmy6l5Obq+7o/HdC+P8JCmMRn0unf0ZHA0NXt/3P"
    "Rv6Sn/oB6kYo3Y/7p9G0eidBfiWtDsP3DuKJZabnujlFgDWeSz8yIs8tm5mEWm15LfVHqB"
    "WwJwjmjzQN8JY2xD8qbYURYqLtXF03LNg7v6lahkbn+ISUNStU1yaq7ZGFUVntAuDWcoIt"
    "GUhoR9GRLSvbYCWCd+NUfZVQt43IffaQJRcn8wnAwGaUgPEc1wtNAKghkibA/pcT8mTXKL"
    "cmI6gwLtAsacgGIutsu3v+E2FToFfQeDe5a3+B7Q52DBlsx8slpAG4KTaNsA3AYsRyX5Ze"
    "BSQwuthON2v7vbrHe8F5pHBNmcxWqTKJ3zhkxdjfyZqlKXxFaSstnfG5z3/byQF995jhff"
    "edaLL/5kGZjFmWZTYntMpX0AI99OMs1Ka0q11hQv0J+9bAbTC4QMqJoiUisumMJ2RiR3BW"
    "54Zr+9+WI0GiR680U/3V0n1xe925Mz1rVJId1b8GQx99ZGpbeOSEhJDnE9h8h2bVI22w6F"
    "J9s8zHeyJ4qkbsXoN9fp1rW0DVs9KSlbvS6tziHwQ5fLjLp+KEXeo1GEanzIsqxV4kN2p5"
    "gWT9Mc+w6RnprsadAdz1dxpWLfjVFr070CVwu0bIMHZJMjfb4AntGbr7hXVnOFPpJx/8ek"
    "Z6Rvvtc16RgpHSPrsqypfikp1c5q1c5khrgSuGYFZbh9Gtyj8eI9SwN6Vh8Qo4mtxNyVEJ"
    "KmXy6i0kFwHw6CTzova34xH+lAdo/0NH2Pz73sgit2PpW+il3oAO+XukN/mgyZMzT9TS+s"
    "izTDxwKN8FHYBB9lKoW9p1KQTrDSCbZGcFevdWCKGXd9fKE/CtdycakmKR//Oj9/8+bD+e"
    "s37z++e/vhw7uPr8M1XvZS3mLvov+ZrvcSzcDZTUPS2NIDWXogS4/ZA6NpUz8tDHFJRFNi"
    "FaJ6UEcq6YUsvZCP6/OvwAtZZojZIkNMciwN065UglUq7Usz+icnp052NsqiNzLhGJE/e/"
    "GCr8MctPbDTk3BBbI/iVGnznbiHhtgX7TfNiz44HtJ14FruJyRllnoVovjORC72s5zHFgm"
    "y61zGxC/5RpDPZtE5dZGtTK224jnMFuMXg9k62x4b41+H9L0xOyH5jG+7g9pCmPyMzWve9"
    "TRtQO830249uqTjEi2Rgz9cbqfFXE69H23DH3J86UWb3ubEtuIJa3Z3Ch3B60l61ALXqw5"
    "cEoSp+kkzrGCKmJxDrzB2I2hctPWsvPtPPXGCkpUqthINaZOasxhw4RrFJG9k0CoAwYJ12"
    "xxuu8oYextj2LZ+hwqS2Q6C6OUe5BIvgltsQcfoQR8L1C1t0A/EpfgFwJfMiFi9JvFhJQI"
    "xItFXpA2dm2eAaeM+YsuHz95NR1hPyhkK8TuLKx8S7Q8jfIuVmGTQNu1+hL0M4EWE+uG+c"
    "qM8hArWbG1JlCW2PNJW41Ucury1e7aRdnRHZElTEARBwINhHcnqabEcb3rTY3HEOPb6hMN"
    "bnJFty0IjqYmLR+dj/83Na9Hw/GXwf91gH8wNcejMd16lf1Mzclw0L/us/0SwsN6GCkFKf"
    "CEdipRBjxpoOqwWUDnUyviXbpjIjJsOJMKDBkGeoa2Qr6CEqCmxWRf5fRVuvwst9qLiUjL"
    "X77lL1h8b2mgCkwixwnpWgNVrEPVykBlIxrf3eJpd/6ldq5mFyu0S0uV3A5QKnd1+/Sbne"
    "i2ZmuCfduwJI+/UVPUiLcPMJF5E38ocw2n2TPGheATnb2UVAsygjJcVvqt7gBS6Wi5f0fL"
    "6NuuANxmx8xmhsEtImcdFT9ta+AlVTSoH+/UpHvHvHt6NLN6i6P0xy+38xR/30sIhiXX5u"
    "3tAstGc4gx1IB3G7CCswVCT4DV0gErW3fIRwtWurMAuoMBfHiAc6cNMAJQnZNzGJAnMnRS"
    "AyKfXzaD747uUbEnbV5irOq04xr5d1boaSUz8B7Knzb8sjZQltKyUl2qi7pUgXfbLqcrNr"
    "Vz5qlgyhdPUE5Q4hC0NM3SHqPGJWNdG8ZaesxIznrPC/w9xl2ojsvRpYp5K0XSe8w8PB5d"
    "jUoOIEyGuhtdjabm1ag//NwB7If+N+zRf7xZ8MApiKUFYaMPo0ZrI2lB+CGXxNKCcEgLgr"
    "9sLuuvlZCSNgRplpFmmZrQ2e3tzDIxNXpbD8OopoZCmxwFpcmrViavndJk3qDBI8rC4SSH"
    "KovKyGwjjWW+sOE+liG+gvKNs0ZVH4Yn3WB3Syn6xua5ix20FGRxW5vQIiVdCcFYo169k2"
    "wW3g7sm22Ek5VtTNCX3AunNoPPcVJMhbZ0p1nCFdWAtqM4C1LvAtE5PdMDfr0bDQUEo7CG"
    "dE/Q5w74LzB0fITRgjlNTqHJt7KkDSqpZqQVXPAU/yKebaql093ttnRu61r6b94WeUf2aR"
    "ZK88K+AAdZimuRQcqBS8vZFi9S4xhZE6vrVddU5JDrzBAnUrgMVhe6YZAHGYVVNRGomWpQ"
    "4qKSHUcuvLqaCtWjrZrbfn8eUJ/tZpGYyVD9g+5jc5SQsaVIJWAV3TzlKGGKNjXZEqvkLi"
    "pNhMrnurfNpNc4m0DS7ieDK9aOSp6CtCVKbFTq0oqaipUfR6FAU7OQvvUy4Xevup5fW+NR"
    "o2RYRZAFITdNwauUYYyrOopxLb41W6g3Hi0DUjyhahV4bZRV9ViA28j8msBCaIpNI7bOLK"
    "ukG07aaBtsoz06D+7yX2ereznuf+11gPc7Nce3/e6AuXEHR1Pzpns3Vq4mpFRwRDNL3nT7"
    "LK0k/Z2a/eHl6Ppm0Bv3WO5K/3hqXnaHl70BTUAZHLUKNenON8lzbZuaxCxo60hTSGvZ5Q"
    "06gjoaaNo5ElNOISfxVLNB3m6ypRrer0E2e62b3fc8iM/gm/kucGqQ/gvFt0LxXBE2N6Pn"
    "VFPBF1jPRXEjPkAZnCP++o7Tc4LT7FlqWOb7bW7wyEGnrJ2EjsgEyoViGwQJlG/JaHHbvx"
    "yXc71fH7gTMGE7D9upQ4euIminumiGmDGFQ6MlTS1i+ixm3ClEm7W6IHSSAydEz5qT1R5A"
    "D+QsBCvSPGj1EwZs1/JX7JyHCTnH7gRsmj4KakA3YxJp5mEnN5mazkJ1ACMDMCBH93F64P"
    "4UTFhfA+QsOPEqbIN4kXb0UK86AJkQMNhoGVp38LxU3hP7hWJIXYcAbXHgkr5rk2fDyHiG"
    "GOikwrmNMKYF1EfSrfznppe8E6K0WvGEKmmOI3yQzBZPfyb7ZzoTS+IiJckg73zgqCwztB"
    "yWA42aOQO20Nc8IbM/N/NdLs8r3gPD6/YZRIsTy7UPWCErge7lF0r7+gdTk6wNRoOv3inv"
    "aBMmuOK8IC6GZbp2UFz2ak6vZhNlCTDD8nKbHM42OVvYJaQ9osYECcceISOKfoRm9lfkm7"
    "RzSlTS3HVu580CNA8Tmrn7CXHP0Zn1okfr+1XJ3Dpbw1o5Tbe3BCUsOQyXzPOSxohpPHJF"
    "cYNS0vWtsbQPXKq6wScoBPkFAoHGJSh5c14khwYpJSQd2LXkNKVjxTJU5wHZS7K0WOo8J2"
    "CEDKiagn7Nk09BPyMV7Gp0Dc/st0dfjEaDxDLwop/OxDu5vujdnpyxxiCFdEewUJBKl7j/"
    "H6czQgXJ82W6gOOJvK2nBlu3wNtjREnG3RaGat9xt8fYnfYXdnss6OxSt/TjIq+goT9D+6"
    "XFUTPTRdp5GmcQs6nFS6/1HhmZ0NtjDKAV1ICDmB9FEC3bYe4aGFJHiZ8w8JK3AButsnuY"
    "bVMR16Mi3KMtqIPjPxGFDpnwmxOk4gk9KAJJjoOFVJtlxFi5PT9uesOr/vBzSZwDsQ7wD6"
    "bmVW/Q/9q7pfb98HBqfur2WfCX95v+vA4T+iVObSVk5+MijUmcWJ3hX8WO4vVegpnGsXyI"
    "fQA4otIdIAtxeiLIIJzPWXDEpRGxzkZE9l1A20Z2tqnF23YlpeSuXeV37fKXmRsRg2lZ+Y"
    "XV+QuTBPAP0cwpZamoBpQSk04B3FzkJTGNyUhA870sQppgSyeLhqapaqdcLeJda/1OOzCW"
    "56wifJuXOS0DcXJErJM/S7oRxJxjvJ3Wc47xflIkYm1yOwiix8JIMRYMZsM51L1gLOzRiT"
    "hLNZaUn5pT84q2AI3roqQkhuTivdcodHFy32HF/VWpTqRJZ36hwV8afVEatbbQsYPslzZQ"
    "TY1cRZaIt8wP8YruKRnIAzOQrl3KbccvXudIog3dds5fvy0SKkSL5Wx+8zYTMCQ31D6Uao"
    "4hUbw4c3ZOvp5QooEd/Oy8SP8mpcTM+LncJvvHVIpjE3bJZk5KSoarzq0sYyFkLERdtMet"
    "YiEy9Ly+rRMdxwWlIcDvw7nHY5NytOyAbSqgYodF1+rXd2hJ9FGq7TKdeEEqJ03GfHJUEC"
    "RSWdm6Q46DlCyYPB+BRTWx6il2qqdDz1UXw6wKXv0tqJbeJ//pGtAxK3+va/eBQm8TnRzC"
    "dlQPEYe0Q5ICjv1SUBuXKvdhU6RQqLhayXqXn0C2zvpJa3LX/dxTxl9ue3dfRoMrJUztwd"
    "yZT8N0L6d+PqSpmZUIUn9kRbzI5qnZnYxHynh0o0xulLvJ5WWvd0UF5szdGZ/GNhg4xe58"
    "DqGWlgp8jXgiD6pueKk7Dr9BMe1J2Q4j3jkyKL/VPpE1nb94oFa2UaTUbKXOI3UeqfNInU"
    "fqPBvrPF0C/XzR4mg7/pVcPUeNytQmXF7ojMsdADlWbb+zb7f0r73zrXjFTxU3rv1HbIqI"
    "idR5rb+psW0X2wXQj6oEwn7xBqJ79rpIBgJSSmzpeZ3JQEDu6HBdjMR6SExEqiK727O++s"
    "ns+/8DhwFiHg=="
)
