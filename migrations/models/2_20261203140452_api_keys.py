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
    "eJztXW1z2rgW/isaf7ndGbbTpkmay9y5MyShLVuCM4Fs927Z8QojwBsjeW05NLPb/34lv7"
    "+CDQaMV18SI+nI9qO3cx4dHf8lLckU6dbrjqF9Ri9SG/wlYbhE7CKR0wISNIwwnSdQONGd"
    "otDQlCev0MSiJlQpS55B3UIsaYos1dQMqhHMC3cARRhi+i8LdO57gMm1gEWJiaYAWoAuEB"
    "h+6vx4dnEJyAxo1AIWUk1EWwCjZ2Q6BdyU1/x+U6KyG2p4Xn3VNtb+tJFCyRyxHJPd4Otv"
    "LFnDU/QNWfznV8m9Hy/NxCBFUwVS6TdezHhSZhrSpzFMtSkv6qQr9MVw0h4fe7cfnJL8dS"
    "aKSnR7icPSxgtdEBwUt21t+prL8Lw5wsjkt43AjW1d9xrGT3LfhCVQ00bBK0zDhCmaQVvn"
    "jSb9Z2ZjlbcVcO7E/5z/13u0SDFFGcgjZdgdKYqUamP+CIm28ZJUgnn/0DDlAP713a03BM"
    "RJlfgNbj51Hl69u/zBgYBYdG46mQ5c0ndHEFLoijqNEaLs/E/hfLOAZjbOfvkE0uxBt8HY"
    "TwhBDgeCD58P0B4glZbwm6IjPKcL9vPszZs1GP/ceXBgZqUcnAkbue6IHnhZZ24exzvE1z"
    "DRTPtWBuFQooEYv70sAPHby1yEeVYcYHcSUhbQWpRBOSFWDdSbp4yDAX15XgDoy/NcoHlW"
    "HOjIpJ3C+ZblUG2JsrGOSyagnnqir/2LE+zja6Ae9e66w1Hn7p5Xv7SsP3UHr86oy3POnN"
    "SXROqrZP8PKgFfeqNPgP8Ev8qDbnK+D8qNfpX4M0GbEgWTlQKnUUz8ZD8p1sw6tKhiW1s1"
    "dFK2gqb2RpBo6epb2kTP5Gmrdo5Lilaucyv7k+/kRSmnUacEq1Su69vAG3XpEFrXoCkJa0"
    "xIQMog5Rbg7CnTOglNxji8H5idqs0xM7YdkHvsSSBWswwTzzIfBRWdJqxhajhbmnAVmM3x"
    "bsXen701oq4O3BnedG67Us6sUAG4jxY6RcukKLSpiTAbXt6NJ1B9WkFzqsT6M88hZySREp"
    "RNZy3PlskUiOHcgYi/C39yD/trTdfZS8o2nZBvUgYnFS/QWkdNTdyiCgnLFmColgwIE6Bn"
    "hCkgKzQFlIAhQ95gpVemRlnPBBp2CSP2aAxiiC3o0ibQcqglHU3nrA6TrLJ4qupvUIStYp"
    "2e2g4+GH2jTNWhaGlQQVkdapnNp6xsiw2FkqtuVOawiNdyyY0uBc7AUsrygHGpJjJVhdjA"
    "t2vYwLdpNpC9aoY2k4+yX76B+FZPUD1D3c7owz1Ms8ENyifQ1U5SUWTPy/79ePb2/P351b"
    "vL8ytWxHnQIOX9GsB7g1GSVw3Wv3Rn7WJ7mdIN4/RqIH24rivddwe3vcHHkquZL9YG3sUY"
    "D7uDURvwv2P80L2RBze9frcNgsukknIc5ttTSTLaKLfLR0UO1+vfnEiXTyp6KVzXs2IZ4o"
    "LrrjU35vDVyDSJmW7rEWvNNSx3ILXV/HZCfGf3l1GsOf0Z6dVd55cfYk3alwcf/eKRGeym"
    "L1+LraR/4vCyuIlQvo0jYmJroc7tK/hvwX/XhaQtwH8fh6C9MdFUo9dQdxoog6CNF2itI2"
    "hVp6gyiZTdSNB+WUAKoOfsBxbQAnyD3nfqM1hNAOo6WfEaOY1KMAIeEQwMZGpkmuZkK6hz"
    "jMd4tECckgWa62/ICb8JtBCY2wz1NruBymzNOeL57Jpg9u7spaAOHu/5/Mfv9zu/8e9MnD"
    "3Q0rbYw2h0zBRxBon+4tyX3aAFLOLwx2GVqwVhN3pgcFpAJ+oTQN8Mjfs+qhBjQgF5RqZl"
    "IDzN44uj7ozuKylsDJoeOxxhkgVZfFSyONY2JRWRpKxQN2utjnjNxQbtlg3tSYpmrnUz8x"
    "m/BOXlFxd0V5LucpfCMlhGJAScSTgnLy4aKTh/GsqDbDwjIslJR1Mp+BvomrU3XCOr+8TW"
    "dKph6zW/7TEWeA7RepYpSSglJhZeQZJl4iocf8Ti/TsiIfp3sn8La19Y+8LaL2TtfzSh8+"
    "g5tr6b3Spg6c+DkhvtfLdqi9m8gBKD28bcpk7Y4q8gMGyTLePcXDfYG7eYSWyYZEl4NewH"
    "Kzz9g9nRS4TpD2nDf183KXd80ERL1jf4IwlXrONa13BJ7KwZK38DOhAQThcZa2zYs4tDGp"
    "MRqGagajDr3tRohqtzLqhREaEKJgF1yVJri729uKTY3qsz0WIRtornOIUW8AALpOvsvCjd"
    "P3I7c9htA/9qjO8f5Dt51JMHnT5LDn+Mcef2p8fh6M5xDwuvx/hB7vfln7sPbeBfJVWn47"
    "iImQhaWRZwvsdpKNEEx5Y4vheFXHov1rj0XqRdei3nJIKiLpD6RGyqWMjiHEKmnbzmOPra"
    "WippihodTj+7uCgSaeHiIj/SAs9L0D1Em27lUxQTFEtSnZck4TiWP8LYC05lrL94PfBEmt"
    "0bLMLPSDCPdYD11JnHR37OTcplHt3sVgHm0Q5KbmQeZdfLxmcDHUnvxGUbrLhnzgpanuPN"
    "tMVPb64WZNkCM2KyK01dADL5A6kZMcoqrXmDEw/TAZYGYb/VFyc+W9KPR8QvqyUDmb3lmq"
    "9o5+y31soorc2JOkHvVsubzUyyVIKNkhK4pgUFKZkE153qS2qJMaEdZt/TsflKnAxPLokl"
    "ptkM0ebxSXuhMUzE3tQqH9AwKdc8uKtf3yyOWeZMfK3NcyfjqFSTlrl/n529e/f+7M27y6"
    "uL8/fvL67eBFNyOmvd3Hzd+8in51gzZLgfCi7nn0DZCfKm8nXZtpBZOv5NICK0HEGFHSPk"
    "nO1FidsR1oLB5urZVTdiGhmnMUTZ/cHgsd8/Frt4h5YTZFoLzZAyyMVIbmsdt7iMl9vELO"
    "aju4HLc7qaOIhXK6LOJPrWviS+bJ1JO0n+MuAOIM4/7ily1xtwJxH2b4zvunfXPNP9n+S5"
    "j+MbIvTvfOjFXqpQx+uvjjcHTqGPN10fP1VQ8xTyI+/23+sQSxmauJO+Vgc3/BKVat9C16"
    "6Trn3cj3rVyNF0L0F8o0+WAjk/bGBCrAn7M+v04n3EDfS8pA1TU5GyJJgu9FK7knnyTWiL"
    "A2xNxuB7QdDcAf1QXIBfCHxhruej3yxzPWUM5auYEdci1sY2v2+qc1x7kh8+PyAd5iw/Ef"
    "Xxg1vTCfaDPJ0+PonZk6DyHdFyLcphpMImgbZv88XvZzlWTKQbrjdmlFmkZMVbCr6x5Dyf"
    "2FAQRk5dRu2+PaOoRvO2a3IoYl+ggfDu5cPQ+Y7rm/fDTsGJXeoxC+7xtnvbBv7VGPPyYX"
    "r01xjfyYPRp/7/2sC7GOORPOInsJ1/Y/w46PfueiMuGFzWYyftsB+eqZvpU3WwDmJp2dRK"
    "frCOiIjwi0/FlCG6zsMZK2wUlAA1KSb6akZf5epnOW0vIiJ2/tbv/PnK944bVP6WyGlCun"
    "GDKtKharVBZRJ+skbKsu68rNZayy5SaJ87VeJYpzDu6jb0D2B9iD0s8e2r2vX7E+HtCx17"
    "sY3pls0cl2xgM5/odk1Gs6c2F1Kfii+qJ6QExSkdEX18D5AKR8vDO1qGY7sCcJt9/Ck1DZ"
    "Y+BBXpz9B62nWDl1XRoH681y3doePd031G2ZHvo9mtdYa/5yWEgpIb4091eHB5FVk83Lx7"
    "G7BCkwUhT85H32gbrEyNskELVhpdOJ+oQ7MZUqn7XTioLpwvzBmGrvGP2LHhl45Etad7VO"
    "xJuy4eR3XWcY38Oyv0tBIhpo7lTxuMrC2MpaSsMJfqYi5V4N22z+XKWdoz1il/yc9foKhf"
    "4hi0dAt8jVLjgrGuDWMtPGYEZ31gBf+A5y4gtTNsqYJfggikD9fTpZF8K5ecQBwZ7m50K4"
    "/xrdwbfGwD5x//NejyH+4qWHY0XBUYC1e5I+FKnAQQOwhiB6EBKrHYQTjmDoKnNpf114pJ"
    "iT0EsS0jtmVqQme3dtuWiZjRu3oYhjU1FNr4LCi2vGq15bVXmsydNLKIsmA6WUOVhWVEtJ"
    "HGMl+Wbmd8r3ZNHACvfON2o6o/hifcYPdLKXqbzaptUbLMieK2+aONcWnxscYC0SycTXNl"
    "u/j7adnGHPoSIfhrM/mcJsVUaUwRaGj84y07OlF1DO2z+wWYE+sChcKJEJtOSMa5yjIIXW"
    "u6zh5EDqpqIlATqHMzb8fO5H7G8Nqtq6lQzU3Ii1cA1EezWZRPfIOEfw6yEpiCz2I2EaYw"
    "6P6OWMWj/DcRKo/m2jWIVuPowDjlL/yqd/Krzg5Flg+ojNGIsD97ikd2IrTp962IyxgWuS"
    "RmErFNhKaSbDjBbjaY3Tw536fyo1Pq3Ix6P3fbwP0/xqOHXqfvOED5V2N83xmOlNtHVsq/"
    "4jGZ7js9JyAT/z/GvcGNfHff7466TtQn73qMbzqDm26fh27yr6RCTbr3b6DYpsnJJAOZGp"
    "kqrLXM8lRITh0NJEVOhAQp5F6VaDaEM2bTUg3v1SCavdbN7nH20RV8O9Y/owbB/BcPIu6S"
    "+NsT0GuqqWAE1lMpbsQAFG6t+aPvNPcciri1ikh5DXa7POqStRenSxF6sJBXYE7owQc2Wz"
    "z0bkblnNY2u7z6TNjeHV7r0KGrcHetzg/Q8cHMINB838x8yozlKP6n5gRP1lyeDC2hppex"
    "owKBxvkBvjsr4qrGSuXaTU5efMnXLIXNt3RGzCXTu5Za1o4BITqCOKdfZ8knoJ+wCva1Xg"
    "Uph+3R17Lcj+nI173kgddH/k3mV2+dxmCFNHcSFd5SzbdchLfU/tWWI7ts1JPJER4bJ+qx"
    "cYrd6XAOG6eCzj5PTHWQqakLKcNW8nJaa62lsExtbKVcR/xMUynD+d7rFvXV3iv5LEi+af"
    "TM5uBMF5984ygiUmfHgTptLPFBVQJhr3gD0d1LkD52R4qySLmfhvIgx+oJRZImj6ZS8DfQ"
    "NeuEvSSzwOVgxOyaVPSlZKClVtxg4RVcZ3HThzz++/3/gc5e4w=="
)
