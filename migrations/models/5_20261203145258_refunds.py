from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
# Written by hand: SQLite cannot ADD CONSTRAINT; the reverses foreign key comes with its
# column and the one-refund-per-charge rule as a unique index.
"""
CREATE TABLE IF NOT EXISTS "credit_draw" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "amount" INT NOT NULL,
    "grant_id" CHAR(36) NOT NULL REFERENCES "credit_grant" ("id") ON DELETE CASCADE,
    "usage_id" CHAR(36) NOT NULL REFERENCES "credit_usage" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_draw_usage_i_a802e6" UNIQUE ("usage_id", "grant_id")
) /* What one grant paid of one charge, so that a refund gives it back. */;
        ALTER TABLE "billing_outbox" ADD "cancels" CHAR(36);
        ALTER TABLE "credit_usage" ADD "reverses_id" CHAR(36) REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE UNIQUE INDEX "uid_credit_usage_reverses_id" ON "credit_usage" ("reverses_id");
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE' /* CHARGE: CHARGE
REFUND: REFUND */;
        CREATE INDEX "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        DROP INDEX IF EXISTS "uid_credit_usage_reverses_id";
        ALTER TABLE "billing_outbox" DROP COLUMN "cancels";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
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
        ALTER TABLE "credit_usage" ADD "kind" VARCHAR(8) NOT NULL DEFAULT 'CHARGE';
        ALTER TABLE "credit_usage" ADD "reverses_id" UUID UNIQUE;
        ALTER TABLE "credit_usage" ADD "reason" VARCHAR(500);
        COMMENT ON COLUMN credit_usage."kind" IS 'CHARGE: CHARGE
REFUND: REFUND';
        ALTER TABLE "credit_usage" ADD CONSTRAINT "fk_credit_u_credit_u_11b99fad" FOREIGN KEY ("reverses_id") REFERENCES "credit_usage" ("id") ON DELETE CASCADE;
        CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__59cbd6" ON "credit_usage" ("tenant_id", "object_id");
""",
"""
DROP INDEX IF EXISTS "idx_credit_usag_tenant__59cbd6";
        ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "fk_credit_u_credit_u_11b99fad";
        ALTER TABLE "credit_usage" DROP COLUMN "kind";
        ALTER TABLE "credit_usage" DROP COLUMN "reverses_id";
        ALTER TABLE "credit_usage" DROP COLUMN "reason";
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
    "eJztXWtz4jgW/SsqvkxPFZvqpJPuXmprq0ig08wQSPHo3t1hyzFYCd4Yy2PLTVMz899Xkh"
    "/4IYENBoxbX4Jj68r2kSzdx9HVH7UF0qDhXDQt/Ve4qjXAHzVTXUBykLhSBzXVstbn6Qms"
    "Tg1WVLV05dUvNHWwrc4wOf2sGg4kpzTozGzdwjoyaeEmwNBUTfyTA5qPHUDk6sDByIYaUB"
    "2A5xAMPzf/dnXzHqBnoGMHOHBmQ1wHJvwGbVbAO3NB76ehGbmhbr4UX7Vr6r+7UMHoBZIr"
    "NrnBb/8lp3VTg9+hQ//9rebdj5YmYiqGmqLi2n9pMetVedahocUw1TValJ1X8Mpi58bjTu"
    "sTK0lfZ6rMkOEuzHVpa4XnyAyLu66uXVAZeu0FmtCmt43AbbqG4TdMcMp7E3IC2y4MX0Fb"
    "n9Dgs+oatNFq/3h2zRltK8DuRP9c/9N/tEgxRen1R8qwPVKUWqqN6SMk2sY/NUMm7R+6iS"
    "mAf/zl1bsGhJ2t0RvcfW4O3rx7/zODADn4xWYXGVy1v5igilVPlDXGGmX2m8L5bq7afJyD"
    "8gmkyYPugnFwYg3y+kMI4AsAOgCktYX6XTGg+YLn5N+rt283YPylOWAwk1IMZ0S+XO+L7v"
    "mXrrxrFO81vpYNn/XveRBeS1QQ48v3GSC+fC9EmF6KA+wNQspcdeZ5UE6IFQP19iHjaEC/"
    "v84A9PtrIdD0UhzoyKCdwrlFrmB9AflYxyUTUGu+6EVwcIZ9fAPUo85DezhqPjzS6heO87"
    "vB8GqO2vTKFTu7Spx9k+z/YSXga2f0GdB/wX/6vXZyvA/Ljf5To8+kuhgpJloqqhbFJDgd"
    "nIo1s6E6WHGdnRo6KVtAU/tfkGzp4lvaht/Q607tHJeUrVzmVg4G3+lKyadRpwSLVK7L28"
    "Bbdek1tJ5BkxPWmJCElEBKLcDnV651sjYZ4/B+Inaq/mISY5uB3CFPopoznmHiW+ajsKLz"
    "hHV9dj1a2uoyNJvj3Yq8P3lriD0duDm8a7baNcGoUAC4Yweeo2WSFdrUQMiHl3bjqTp7Xa"
    "q2psT6M72CrlDiTFg2fWlxtUieUU31hUFE34U+uY/9rW4Y5CX7Lp6i7zWOTypeoL7JNTX1"
    "iipoXTaDh2pBgLAB/AZNDNASagAjMCTIW6T00tYx6ZlANz2HEXk0ArFqOqrnNlEd5loyoP"
    "ZC6rDRkuenKv4GWbxVpNNjl+Fjwu+YqDoYLiwsXVbHmmbFLivXIZ9Czlk3KnNcxEs55cam"
    "Ajq4eyNBZtVwLbIHmOej9OdAkw1TSl6valyqin6/TL7Vyw2+1cu0b5W8Kkc3FKMclK8gvs"
    "W7+76phsvpwx0T88ENyyfQ1c9S7SbPS37+dnV5/eH647v31x9JEfag4ZkPGwDv9EZJL3Wo"
    "TaQ7a9t0FylNO+6sDqWP13Vrj+1eq9O7z6kbBGIN4B9MzGG7N2oA+ndiDtp3/d5dp9tugP"
    "AwqfKdJo7gK3icNhJ2+ajI8Xr92zPp8km1OYXrZh8jR1xGDkrtaWTef2jbyE639Yi05oaY"
    "QSi10/h2PorkqP2vUaw5gxHpzUPzXz/HmrTb790HxSMj2F23fysDcz/i5+VQEyF/G0fEZK"
    "CmzO0rowkymlAWl3eGaMJp3N13NtR0fKsarIE47u54gfomd/eMFVWmkbJb3d1f5yoGqk+d"
    "BHPVAZTuEFAkLVITUA0DLWmN1CmNTAh8tzqwoK0jLe3hLqDOiTkxR3NIHdxA99ib1H06VR"
    "0IXlyCeoPcYEZszRdIr5NjZJJ3Jy+lGmD8SMc/er8neuMnIk4eaOE65GF0PCGKOIHEWLH7"
    "khvUgYOYN35d5XKOyI0GBE4HGGj2CuB3S6dM0plqmggD9A3ajgVNTeR9j5JDvVdSyDdo+7"
    "72iF9eut5P6nqPtU1ORSQpK9XNUqsjfnORj3bHhvYlZTOXupnpiJ/D5RUUl+6upLvLmwrz"
    "YBmRkHAm4ZyuPDRScP4y7Pf4eEZEkoOOPsPgT2DozsFwjczuU1c3sG46F/S2p5jgKUSbvU"
    "xJh1JiYKEVJL1MVIWjj5i9f0ckZP9O9m9p7UtrX1r7maz9FnnYmtDUZ1frGex8LSiYzcin"
    "1u6LTS1yS9WZNU7PeHM2M4GxZ7bbkAz8GnjRv0HKNQP0zQU2/l5VBiZ+6Ar4ySHV2Jja80"
    "8eFGNKcrp4ttFCCUs9XYCvPkduqeM5cw0Ed4yQ5ib0K8BwwTh2dpRCJzbZGaeKfRb0naSp"
    "Xi5TXV0glzf8iaPZoYBkcHAmbNbJc87XURk5XSfZWyWicZ4toBv0n3B43lP9icwt5wvtVh"
    "0o2rO2L5/wZryisL23q61fRofB8qmXHvpC/TJsnK0KZtgptmuYXtUO0f8ARhbVBKkilgj1"
    "vFGB5dpEWaPRIIu8cZ3ohhbR7hCthvxDCmv/cx1Mtbaf0zrnoW6SL9eHDReka9BHkusmpE"
    "ZYJY1w3bOzQxqTkahyULVsHRGDlbMuUQhqVER6GpOAerF4ZwfqWFxSssfKHMdzEJnFBWuO"
    "MiwwCKXLvDam9jimYYxhuwGCo4n5OOg/9Eedfq/ZJafX/0zMZuuX8XD0wFYfrI8n5qDf7f"
    "a/tAcNEBwlVafTrECwoerwAiziBU1riSrwpuP43mRaMXazYcXYTXrFmMOWDSuzOZy9Ihcr"
    "DnRoiIrrhdiQO2pjLYU0RYkySV3d3GRoCFJKnBaNXktEE5Gu7URZjwnKKanMU5JclyD+ws"
    "gLan3TWPk98Eya3f9YJI1dBrbLAOthA9trwGnkmLMu9NYX+/TrABoq5lNduLHqisD91+Gd"
    "syMC4wBtCP8HBeoZHLQBO2y7f7ZP4/JMCFChC9DBDnhiS9yfAH0OFpeniZBXyzm0IXizzj"
    "Dj1AFbzkh+WVABTFesEo6H9nC32e6jFTpjBQv/xeqwaOX/jrZjiVTforIqyPTLWeyMQ6Rf"
    "jj5ZCmbxouSE2BGzLpwgpHCQRcky2FB0sIFywtjLphURhAyomiIfUVQwge2USB4K3PDMcX"
    "vzbb/fjfXm206yu44fbtuDN5esa5NCuqcSpjH3OAG5swzFpKrnmCs+1RBL8KfsljmLJ1s9"
    "zA+SPkv6Z8ToV9c/41rajq0el5StXpZW5zhjQ+s8xaU6FcvK4w8KzfiQXrjViA9pjdmseL"
    "oi3mc+eWayZ0E3wJJy7Zeq47PhtTpNK7uco0UdPCObHOmzOUDT/8EZZ/OkQmvesh5e1+DC"
    "QuT/2YptHJXk2Ys2VqqD6BXvftQVJmlYp6Vh8Zc1ijUcwZrGKpj8xauS0uws1uyMLybKgW"
    "taUDKzkuD+7pLBOR/VLSpyPEAvk4BelgfE9cSWY+6KCckU1lxELRXn2lEtIVY9I/zm8ioL"
    "I+nySsxIotfiYL/qvAQr2Vh7gewR3dP0Pe7baYUrcj6x0oFdaADvlyYA/jTutWj2X/qbVK"
    "yzNMPHDI3wUdgEHyXr7uisu6QFkwNrjmj1QD8Iw86G5E2d/BtjJuWqB3fxVodDMePqx7f6"
    "i1CXi0pVyfj4+9XVu3cfrt6+e//x5vrDh5uPb0MdL31pk7J327mn+l6sGTiJl6Qb+0dgk0"
    "pe4QFW4EM79wL8UESaTckJlya8gk5ORBNiBaJ6pntTSebr8beDdP0dHPeENeNGkOX8/DOk"
    "iAjHvhii5P6gN+52JZl4H7Q5ZOL02JrGrW/CESJ/MvbQfMlMyjiibu2miQklA+1djDqljo"
    "n7aoB91h67K+xl7rE5AuEPcDElLTPXrRonDh65Wt8UBl/Ey20LgovfckvYmU0JMqdbqULH"
    "NuLRP7M5iwPZMoeRa/2vPboum/3QBdwPnR5du01+JuZDm9I2G8D73cVzXPySbel7EEN/nm"
    "QqucTxx3JFVAdOaTdX3W4+V1BFhvOJ0/89GqpZ42ji7PxGHdwKShSqfUtdu0y69mlXZpZo"
    "EexB1p6ccF1mOb0LR1uY6Scvsmx9BpUFMvHcyMXIEMlXoS2OQMuIwbeCqr0H+mtxCX4m8K"
    "W5Lka/WuZ6jrVPEbI7aWPX5kUZ8kRnqPr4yavpDPuB0NkdG8TcaVj5nmh5FuUwUmGVQDu0"
    "+RL0M4EVE+mGm40Z5TlSsuCQQmAsseeTAQVp5JTlqz00KxTrWBSuEbiIA4EKwnuQ7D7ipZ"
    "Tb42HnsKyy1iEW3LjVbjVAcDQxafn1+eh/E/Oh3xt97v67AfyDiTnqj2hiZPYzMce9bueh"
    "M6KC4WE5ImmCrGPizSUFSceyMafLZvoUnUMfOTrftSLOoR8RkSs1U9mXkGHQTewV8hXkAD"
    "UpJvsqp69S9TOfthcRkZG/zZG/QPneM0AVhETOE9KtAapIhypVgMpGdEltjWfd+ZfqGy27"
    "SKFDRqpEGUikcSeNuwpbHzKGdaoYlvTj79QUJfLbZ1ryJ1PViYe38wzXcJo9FVwIPtHpKq"
    "dZkBKUKxQT7jLJW5VEy5KYXDmJlutvuwBwq71MMTUM7rFYEavO674BXlJFhfrxQUO6Q8bu"
    "adNk1jWO0R+9XN9k+PssIRiW3JoqtUn3fJ5Bh+4C7d0GLOF0jtArYLU0wNLWMflowVLHc0"
    "C3lYbPz3CG68BBAKozcs4B5IkMndSAyOeXTpp6oHsUzKTdlIuoOOu4RPzOAplWMunpqfi0"
    "4Ze1g7GUlJXmUlnMpQLYbYecrtjUzpmngilfPEHhoMQp3NI0MXbENS491qXxWEvGjPRZH1"
    "nBP+K6CxW7HFsq4wbtofQRk72O+q1+zgGEyVC6Uas/MVv9Tu++AdgP/a/Xpv94s+CJs77K"
    "CMJOH0aJdCMZQfghVWIZQThlBMFXm/PytWJSMoYgwzIyLFMSd3Z9v7BMxIzel2G4rqmi0M"
    "ZHQRnyKlXI66BuMm/Q4DnKwuFkg6tsXUZmG6ms58sx3Jc8jq+gfOWiUcUvw5M02MO6FP1g"
    "88x1MFoIsrhtTWiRkC7EwViiXn2QbBbepte77T2Slq3Moi+5/UhpBp/zdDEVmlNEtXS6cd"
    "WeJKqmpf/q7X51Zl0gUzoR5OIp4qyrzIPQrW4Y5EH6YVVVBGqqGtTMK2T7gFuvrqpC9WKr"
    "tHgBQN3b1XL5xAMkNCV/ITBlTe5/ljCtk+7viVU8y38VofLdXPsm0aqcOzDu8pe86k3w+L"
    "RgBZqahfS9x/GvXnVtv7bKo0Ztu4IgCxjkVcErl5+Xn/BODGz2/XB2ynp3Js75vNvicLAQ"
    "usqTiG1zmyvJhpM+9Ar70M+OYZf/66w170adL+0G8H4n5mjQaXYZzS44mpiPzeFIaY1Jqe"
    "CIZv56bHZY2i/6OzE7vbv+w2O3PWqz3GL+8cS8a/bu2l2aICw4qmVq0oPvtOPaNnVZWtDW"
    "kaaQ1rLzO9wEdVTQ9XYmrrZMJL5Es0HelnS5Gt6vQTZ7qZvdjwxFZ/DdYkucGmR8KXuqei"
    "9UtHuYY0M1BXyB5VSKK/EBSvK0+Os7z8hWFvK0zMdYYXJvGTYwLpbaKxNcZuKeChJcDsho"
    "MejcjfJRI7cTq3Puyr07rboMHboIUnVxbFPG9OU40AIGsNhlRq4owYaG0k9WXT8ZXKi6kc"
    "eOCgUqxzZ9d5WFEElKCe0mdi0+5euOQsZb/IzsBdG7FjovYoCQAVVT0K958gnop6SCQ81X"
    "4Znj9ujbfr8b05FvO8ll1WO68/ebS9YYpJDuDaKSk1d9y0Vy8g6vtpyYGFROT47kBZ0pL+"
    "gcu9PxaEHngs4h1+X5HJcWNPRv0F7VOEZTskh9k/0U8G+0aOmtmReJleylPwRoCTWAEUD0"
    "jM9VIjDMIXDIv9D+yQEeUxrYaJlOr7hPRdyN+8L0kUEdqd37fotEzU34HRO1CcOFhcM0W4"
    "Gkb/vKVFulMQLPjyxRe2z3Wp3efU6cA7EG8A8mZqvd7XxpDyjJITycmJ+aHcZ78H6Tn9dp"
    "WA/+98RpJ+HKrqhIZdZ0FbbblKE6WPF6L8FMy7PjHE9UbuiVhjg5EaQQ3myBc8RlmLg88c"
    "J0mJh9F9C2kZ1uanFGwbiUTCiYP6Ggr2bu5OZKysovrMxfmHRn/hDNnDCWslpACTHJwOCm"
    "SciJaURGArqZgRG6CfakYFR0yVE9QQaIdq3tScBgZM1aQfhWbxVcCuL4iFimLV2TjSD2OU"
    "bbabvPMdpPsuz2Mh50AXpmPkGPnfKTQ/5RMbDhDBLV0PG2X2ErCXk7ueSSn5gTs0VbgIgz"
    "p6QDycUnr1GocvLUYMV9rVQn0qQzrwANVdIXBboJ5rqDkb2qA9XUyFVkZdz75bc4+2Z9T+"
    "mBPLEH0rVzkVD84mVenLUref/tdZbs5rTYhrxc16kc5zLX/8ly/UNieHHm7A1LVUKJCnbw"
    "y6ss/ZuUEnvGr2QG/x/TKI5M2DmbOS4pPVxlbuVyrZIob8PKFOh7w1o4W18A+NqYSYO+Qy"
    "aWKAWlIsAfg9wj3Es16W3KYGJn3011iBbEHqXWLrOJ56Ry0mSMk6P69nI93OyUGLeMmkOe"
    "j8Cimo7qGXaqZ0PPVNfhbKZa/C2old4h/+ka3WaVln/StafAoLeJTQ7Jq4b1EHFIOyQpgO"
    "3VIXZilSZ34fvrUai4Vsl2yk8gW2b7pDYeNu/byujzoD383O+2lEG7efeZknoYnfkCzwlW"
    "c2RoFzbdThhqEzMtMex3v/BFHGR8ozLN8aivjPqPyvhRGY7v7trtFhWYMbqzc8E0HYwsxb"
    "UuHHc2g1BLSgVcI57Is6obUEt+8FnsrOJzp9OelO4wvwz7PYHO7ZdPatv6DIM/gaE7Z6w4"
    "8EClSGz2HiQdBYmPllaQ9B5Iy3aXppA2j7R5pM0jbZ5yA39Qm6dJoJ/Naxxrx7+y0c5R12"
    "VKs/hbSMblDoCcqLbf2fdT/UtPvhVr/NRw48Z/xKGIiEiZdf1dg22HyJRFP6ocCPvFK4ju"
    "ZaYNhi43bDB0md5giNwRcylGYjskIiJNkZymSI4l1cVPZn/9H+sYsN8="
)
