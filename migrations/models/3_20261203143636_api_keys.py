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
    "eJztXW1z2rgW/isavmx3hptp0iTNzdy5MyTQlF0CmQDt3i07rsBK8MZIXlsOzez2v19Jfs"
    "Hv2GCCcfUlMbaObD968TnPOTr6u7EgKtKto5ah/YpeGpfg7waGC8QOIleaoAENY3Wen6Bw"
    "qoui0NCUJ7fQ1KImnFF2+gHqFmKnVGTNTM2gGsG8cAtQhCGmP1mgddcFTK4JLEpMpAJoAT"
    "pHYPix9a+Ts3NAHoBGLWChmYloE2D0jExRwDlzxO+nkhm7oYYfy6/axtpfNlIoeUTsislu"
    "8OUPdlrDKvqGLP7zS8O5Hy/NxCBFqgJp4w9ezHhSHjSkqyFMNZUXFecV+mKIc+Nxt/1BlO"
    "SvM1VmRLcXeFXaeKFzgv3itq2pR1yGX3tEGJn8tgG4sa3rbsN4p5w3YSeoaSP/FdTVCRU9"
    "QFvnjdb4z4ONZ7ytgLgT/3P6X/fRAsUUpT8YKcPOSFEasTbmjxBpG/fUjGDePzRMOYB/f3"
    "fqXQEizjb4Da4/tu7fvDv/WUBALPpoiosCrsZ3IQgpdERFY6xQFv9jOF/PoZmMs1c+gjR7"
    "0E0w9k6sQF4NBA8+D6AdQNpYwG+KjvAjnbOfJ2/fZmD8qXUvYGalBM6EjVxnRPfdSyfONY"
    "73Cl/DRA/atyIIryRqiPHxeQ6Ij89TEeaXwgA7k5Ayh9a8CMoRsXKgXj9lvBrQ56c5gD4/"
    "TQWaXwoDHZi0Yzi32RWqLVAy1mHJCNSqK3rkHRxgH8+AetS97QxHrds7Xv3Csv7SBV6tUY"
    "dfORFnXyJn30T7v18J+NwdfQT8J/h90O9E53u/3Oj3Bn8maFOiYLJUoBrExDvtnQo1sw4t"
    "qtjWRg0dlS2hqd0RJFu6/JY20TN52qidw5Kylavcyt7kO31RimnUMcEylevqNvBaXXoFrW"
    "PQFIQ1JCQhZZByC/DhKdE6WZmMYXg/MDtVe8TM2BYgd9mTQDxLMkxcy3zkV3SYsK7OrmZL"
    "Ey59szncrdj7s7dG1NGBW8PrVrvTSJkVSgB3bKFDtEzyQhubCJPh5d14CmdPS2iqSqg/8y"
    "vkhETO+GXjlxYni+gZiOGjgIi/C39yF/srTdfZSw5sOiXfGgmcVLhAM4uamjpFFbIqm4Oh"
    "WjAgTICeEaaALJEKKAFDhrzBSi9NjbKeCTTsEEbs0RjEEFvQoU2gJaglHamPrA6TLJN4qv"
    "JvkIetYp2e2gIfjL5RpupQtDCopKxe6zObTlnZFhsKBb+6QZnXRbySn9zgp0AMLKUoDxiW"
    "qiNTlYsNPM5gA4/jbCB71QRtJh1lr3wN8S2foHqGup3Qh7uYJoPrl4+gqx2kosiel/3718"
    "nx6fvTi3fnpxesiHhQ/8z7DMC7/VGUV/W/f/HO2sH2IqYbhulVX/r1um7jrtNvd/s3Bb9m"
    "ntglcA8meNjpjy4B/zvB953rQf+62+tcAv8wqqTsh/l2VZKENkrt8kGR1+v1bw+ky0cVvR"
    "iu2axYgrjkuivNjQm+GpkmMeNtPWKtmcFy+1IbzW8HxHd2fhuFmtObkd7ctn77OdSkvUH/"
    "xisemMGue4Mr6Ur6EYeXxU2E4m0cEJOuhSq3r+S/Jf9dFZI2B/+9H4L22kSqRq+gLhooga"
    "ANF2hmEbQzUVSZBsquJWg/zyEF0A32A3NoAe6g94L6DFYTgLpOlrxGTqMSjIBLBAMDmRpR"
    "45xsCXVO8ASP5ohTskBz4g054TeFFgKPNkP9kt1gxmzNR8Svs2OC2buzl4I6GN/x+Y/f7y"
    "u/8Vcmzh5oYVvsYTQ6YYo4g0R/EfdlN2gCiwj+eFXlck7Yje4ZnBbQyewJoG+GxmMfZxBj"
    "QgF5RqZlIKym8cXBcEbnlRQ2Bk2XHQ4wyZIs3itZHGqbgopIVFaqm5VWR9zmYoN2w4Z2JW"
    "UzV7qZ+YxfgPLyiku6K0p3OZ/CIlgGJCScUTinLw4aMTh/GQ76yXgGRKKTjjaj4B+ga9bO"
    "cA183ae2plMNW0f8tvv4wHOIslmmKKEUmVh4BVGWiatw/BHz9++AhOzf0f4trX1p7UtrP5"
    "e1f2NC8egptr5zuZnD0n/0S661852qLWbzAkoMbhtzmzpii7+BwLBN9hnn5rrB3rjJTGLD"
    "JAvCq2E/WGH1T2ZHLxCmP8cN/13dpNjyQRMtWN/gjyRDsfZrXcMFsZNmrHQHtC8ggy4Svr"
    "Grnp0f0pCMRDUBVYNZ96ZGE0KdU0ENikhVMAqoQ5ZaG/j2wpLSvVdlosUi7CueEhSaIwLM"
    "l65y8GLjbsztzGHnEnhHE3x3P7gdjLqDfqvHTq9+THCr/ct4OLoV4WGr4wm+H/R6g0+d+0"
    "vgHUVVp/2EiJkIWkkWcHrE6UqiDoEtYXzPcoX0nmWE9J7FQ3otsRJBmc3R7InYVLGQxTmE"
    "RDs5Yzl6Zi2lNEWFFqefnJ3lybRwdpaeaYFfi9A9RFM3iikKCcpPUpU/STJwLH2EsRdUB1"
    "h/cXvggTS7O1hknJFkHqsA66Ezj2O+zq2Ryjw6l5s5mEfbL7mWeRw4UTYeGygk3RWXl2DJ"
    "I3OW0HIDb9QmX725nJNFEzwQkx1pszkg0z/RLCFHWak1rwniYTrAwiDs9+xF5GeLxvHI/G"
    "WVZCCTXa7pinaKv7VSRmllVtRJerdc3uzBJAvFd5QUwDUuKEnJKLjOVF9QSwwJbTH7Ho7N"
    "V2BlePSTWGCaTRCtH5+0ExrDROxNreIJDaNy9YO7/O+bxTFLnImvtMfUyTgoVafP3L9PTt"
    "69e3/y9t35xdnp+/dnF2/9KTl+KWtuvure8Ok51AwJ4YeSy/kRKDtJ3pT+XbYtZBbOf+OL"
    "SC1HUmH7SDlnu1nitoQ1Z7K5anbVtZgGxmkIUXZ/0B/3evtiF2/RYopMa64ZjQRyMXC1mc"
    "UtLsLl1jGL6eiu4fJEV5ML8SpF1JlE3ziWxJOtMmnXGHzu8wAQ8Y9Hitx2+zxIhP2b4NvO"
    "7RW/6PyP8tz7iQ2R+nc69NKXKtXx6qvj9YFT6uN118cPFdQ0hXzP3v47HeJGgiYuzmfq4I"
    "ZXolTtW+raVdK197upV4UCTXeSxDf4ZDGQ09MGRsTq4J/J0ot3kTfQjZI2TG2GlAXBdK4X"
    "8kqmydehLV7BNRmC7wVBcwv0V+IS/FzgS3M9Hf16mesxYyhdxQyEFrE2tvl9Y53jypX88O"
    "s90mHK5yegPn5wajrAfpCm04cnMXvqV74lWo5FOQxUWCfQdm2+eP0sxYoJdMNsY0Z5CJQs"
    "2aXgGUvi+aRDQRo5VRm1u46MohpNc9ekUMSeQA3h3cnG0OmB6+v9YYcQxN7oMgtu3O60L4"
    "F3NMG8/Op88NcE3w76o4+9/10C92CCR4MRX4Et/k3wuN/r3nZHXNA/rIYn7XU3nqma6VN2"
    "sg5iacnUSnqyjoCIjIuP5ZQhus7TGStsFBQANSom+2pCX+XqZzFtLyAiPX/Znj9P+d7SQe"
    "W5RA4T0rUOqkCHqpSDyiR8ZU0jybpzLzUzLbtAoV16quSyTmncVW3ov4L1IX1Ycu+ryvX7"
    "A+Htcy17sQ11w2YOS9awmQ/UXZPQ7DHnQmyr+Lx6QkxQrtKR2cd3AKkMtHz9QMvV2C4B3H"
    "ovf4pNg4UXQQX6M7SetnXwsipq1I936tIdiuiezjNKznwfvNzMMvzdKCHkl1ybf6rFk8vP"
    "kMXTzTu3AUs0nRPyJDZ9o5dgaWqUDVqw1OhcbFGHHh7QjDr7wsHZXOwwZxi6xjexY8Mvno"
    "lqR/coOZI2Kx9HedZxheI7S4y0kimm9hVP64+sDYylqKw0l6piLpUQ3bbLz5X4tCd8p7xP"
    "fvoHinol9kFLN8GXIDUuGevKMNYyYkZy1q+s4L/iugtI7QRbKudOEL706/X0xmjQHhScQI"
    "QMDzdqDya4Pej2by6B+Md/9Tv8h/MVLDoaLnKMhYvUkXAhVwJID4L0INRAJZYehH16EFy1"
    "uWi8VkhK+hCkW0a6ZSpCZze3c8sEzOhtIwxXNdUU2vAsKF1elXJ57ZQmcyaNJKLMn04yqL"
    "JVGZltpLbMl6XbCfvVZuQBcMvXzhtV/jI8GQa7W0rRdTbPbIuSRUoWt/WbNoal5WaNObJZ"
    "CKe5sln+/bhsbRZ9yRT8lZl8DpNiKjWnCDQ0vnnLlkFULUP71dkB5sC6QK50IsSmU5Kwrr"
    "IIQlearrMHGfhV1RGoKdS5mbdlZ3K2Mbxy6qorVI8m5MVLAOrGrBflE3aQ8O0gS4HJ3xaz"
    "jjCtku5viVU4y38doXJprm2TaNWODgxT/jKuOgseNyxYQVg1iLb1PP7Zqa7j1lZ71LhtVx"
    "JkXgR5XfAqxPMmJ7xLB3aA0YiwPzvKencg5Pz3jejxEBapVHkUsXW0uRJtOMmh15hDP7gI"
    "u+Kjs9G6HnU/dS6B83+CR/fdVk+E2XlHE3zXGo6U9piV8o545q+7Vlek/eL/J7jbvx7c3v"
    "U6o47ILeYeT/B1q3/d6fEEYd5RI1eT7nynHds0OWVpIFMjqsJayyxOuKXUUUPq7UCotlxB"
    "fJFmY0rhlg3v1iCbvdLN7nqGgl/wzXxLCTVI/1L+VPWOq2hzN0dGNSWMwGoqxbUYgDJ4On"
    "30HaZnK0/wtMzHWOPg3r1+snYS2isTXOaKPU1JcHnPZov77vWoWGjk+sBqjwnbeVh1FTp0"
    "GUHV5UWbikjfBALNiwBOp8zYFcXb0FDyZPXlydACanoRO8oXqF206buTPAGRrFSq3SSuhT"
    "/5mqWw+ZY+EHPB9K6FluQxIERHEKf06yT5CPRTVsGuvlf+mdft0VeDQS+kI191o8uqx3zn"
    "7zfHojFYIc2ZRGVMXv0tFxmTt3u1Zc+BQdVkcmRc0IHGBR1id3q9sKBDQWeX6/LcGJc20r"
    "VnZL40EoymaJFmlv3kxd+owdJrMy8yK9lJfwjIEqmAEkD4GTdWicEwR8BiP5H5kwWcSGlg"
    "kmU8veI2FSVu3Oenj/TqiO3e9yXgNcfoG2VqE0ULg/pptjxJ1/aVqbYqYwQeXrBE467Tb3"
    "f7NwVx9sQugXswwe1Or/upc8+DHPzDCf7Q6oq4B+d/dHjtJ+rBHU8J7ZS6sisoUps1XaXt"
    "NqVDiypO72WYqUV2nEsSlRt6xSGOfghiCGdb4Ani0k1cHX9h3E0sxgUyTWLGmzo9o2BYSi"
    "YULJ5Q0FUzN6K5orJyhFV5hEk684do5oixlNcCiojJCIzENAkFMQ3ISECzIzB8mmDLEIya"
    "LjlqRoIBgl1rfRIwFFizVhK+9VsFF4M4PCNWaUvXaCOkc47BdlrPOQb7SZ7dXsb3PUAeBC"
    "foRKf8ZLEfkAITzRBTDS1n+xWxkjBpJ5dC8hM8wW3eAkxckJIWYhe/Oo3ClZOvl6K4q5Vq"
    "TJp15hfAXZX8RYGGwVyzKDFfmgBilV0lRs69X76Eo29W95QM5J4ZSNssFITiFq/y4qxNg/"
    "ffnubJbs6LZeTlOo3lOJe5/veW6x8xwyvhm52xVMWXqGEHPz7J079ZqXRm/ERm8P8xjeLA"
    "B7tgM4clJcNV5Vau1iqJ6jasTIG+NaylR+unAL4yZuKgb5CJJRiCUhPgXyO4J3Uv1SjblM"
    "PEzr+b6pAsmD3KrV1hE89Z5azJREwOdO3lpr/ZKTNuRWgOez4GC8QWdAw76NjQM2hbCZup"
    "ln8LbqV32S9N5dus8vJfNfWrZ9CbzCZH7FX9epg44h2SFaDmyy52YpUmd+n763GoEq2S9S"
    "E/nmyV7ZPGeNi66Sijj/ed4cdBr63cd1rXH3lQjwhnPqJzhtWc6OqRybcTRuoExyWGg96n"
    "ZBGL6M9cpjUeDZTR4E4Z3ynD8fV1p9PmAjMR7mwdCU2HEkOxjSPLns0QUqNSXqxRksgD1H"
    "SkRgd8Hjur/NzpvCfFO8wvw0E/Red2y0e1bW1GwT9A16wDVhySQOVIZLMHUaIgMmh5BVH2"
    "QFq2mzSFtHmkzSNtHmnzVBv4ndo8LQb9bN5IsHbcK5l2DlyVqczi79Rg3MQJMMGr7Xb27V"
    "T/ygffpmv83HBL9P+kuyICIlXW9Td1tu0iUxYfVAUQdovXEN3jXBsMHWdsMHQc32CI3ZEm"
    "hhil2yEBEWmKFDRFCiypLv9j9v3/a0UAfA=="
)
