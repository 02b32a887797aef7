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
DROP TABLE IF EXISTS "auto_top_up_attempt";
        DROP TABLE IF EXISTS "auto_top_up";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXf1z2jga/lc0/LLdGTbT0Kbt5W5uhgTasksgk0B7d2XHMVgEX4zlteXQzN7+7yfJH/"
    "hDMjYYMK5+CcTWK+NHsvw+75f+bCyRBg3nrG3pv8GXxiX4s2GqS0i+JM40QUO1rPVxegCr"
    "U4M1VS1defIbTR1sqzNMDs9Vw4HkkAadma1bWEcmbdwGGJqqiX9yQPu2B4hcEzgY2VADqg"
    "PwAoL7z+1fWhfvAJoDHTvAgTMb4iYw4TO0WQPvyBm9noZm5IK6+Vh+166p/+FCBaNHSM7Y"
    "5ALffieHdVOD36FD//3W8K5HWxMxFUNNUXHjd9rMelLmOjS0GKa6Rpuy4wp+sdix8bjX+c"
    "ha0tuZKjNkuEtz3dp6wQtkhs1dV9fOqAw99whNaNPLRuA2XcPwByY45N0JOYBtF4a3oK0P"
    "aHCuugYdtMY/5q45o2MF2JXon7f/9H9apJmiDIYj5b47UpRGaozpT0iMjX9ohkw6P3QTUw"
    "D//Mvrdw0IO9qgF7j+3L579ebdzwwC5OBHm51kcDX+YoIqVj1RNhhrlNlnCufrhWrzcQ7a"
    "J5AmP3QbjIMDa5DXD0IAXwDQHiBtLNXvigHNR7wg/7Zev87A+Ev7jsFMWjGcEXlyvSd64J"
    "9qeeco3mt8LRvO9e9FEF5L1BDj83c5ID5/J0SYnooD7C1CykJ1FkVQToiVA/XmJeNgQL97"
    "mwPod2+FQNNTcaAji3YK5w45g/Ul5GMdl0xArfmiZ8GXE5zjGVCPejfd+1H75pZ2v3ScPw"
    "yGV3vUpWda7OhL4uir5PwPOwFfe6PPgP4L/jMcdJPrfdhu9J8G/U2qi5FiopWialFMgsPB"
    "odgwG6qDFdfZaqCTsiUMtf8EyZEuf6Rt+IyethrnuKQc5SqPcrD4Tl+UYhp1SrBM5bq6A7"
    "xRl15D6xGagrDGhCSkBFLKAOdPXHaypoxxeD8Snqo/moRsM5B75Jeo5oxHTHxmPgo7Ok1Y"
    "10fXq6WtrkLaHJ9W5P7JXUPs6cDt++t2p9sQrAolgDt24Ckyk7zQphZCPrx0Gk/V2dNKtT"
    "UlNp/pGdRCiSNh2/SpZWuZPKKa6iODiN4L/eWByYms/SNkja0Gzx4VnmxmmqTo+wMjS3Gt"
    "fGap0QKurUdUGhDpX1wLOBBjArkDXiETAhutgEVtRaxpEyAyi2iTn9PWqFJ63GyEksamox"
    "qbyKiR++dAfYWQAVWTj3ZEKgH5lIid7sLDA/dqOOzHNMur3ihB0cc3V927V+cMf9JI95ah"
    "3mCU0E6m0CCaIlm8NB07ach7JubDnZJLgK6f5HuU/F7y8Uvr/O37tx/evHv7gTRhPzQ88j"
    "5jWNLoWrY+g1zVL8uyt5apoW2vdXGRx356cSG2n9JzcZzpFciKryyRiTkGPuEsTsnJWcyb"
    "xeqWlp6YoDQAVNkA4FralnbbuKS021Z6mKtljDiqJ6REU0QRUrfZbDE04QiRP3s3WlQB/j"
    "JMFnvgyW2M4dLCjSy6HLRp5mTNZIVcC2xkz2QCADSf/+JAx6F0zlJfltDEYI5soAJP8SYH"
    "Z09/ByoGSzJLAeW+t91Bpzf4FOG/aRpdbtf5gzr8QQyVLTKzses0SOtvwXc6Y+F3HEAlYz"
    "8Os6I1M+i4BU2NXFXZ6tXBFd5hDJIaYBWWsB39AwLOIiaIIrJSB3aYRUwCbvheyAzfp8I+"
    "wlUlDW7XdJepV2w8+iOUrjLSDX9dvgwW6Il5P76+7nY73c4lCL9OzI/tXp8e8j6Tb4XjxO"
    "VIA8lhDCTFDXzStJdtFFGXyOVp70JA1wJb4Vkx20fZcM5c24bmjONoFC8EUZmtFoKqYRpb"
    "Bz7kWAU+CNeAD6mV1lPyFXIxKFDjMpZcnnApkFcoGHIvC++jXVxpjsqUqCtX14xWQFueq7"
    "rh2pxg9BGhjXw4IyJ1WCWyzJHdf41ilshgar66af/r55g1sj8cfAqaR6bydX94lVyZDVVf"
    "FtIcQoHDKQ6vT+Q1lzRupFDNtrVzxKXBvdIGdxkP/0MM81w3dWex1TgnRKWbtMrjXC3/WX"
    "UHVgbz7gxr6Z6xg0WbXumGQW5w6OIp+t7guNDiDZpZ/rOp11RB67Y58qGXBAgbwGfq1UIr"
    "qAGMwD1B3SKtV7ZOFCgT6KaXnkx+GoFXNR3Vc9SoDktkNqD2SPqw0YqXFV3+BfK40aSTrK"
    "pOMtchj0LB10JURkZVxLVmurQbHNKZkYi0FpE2kziabJlSiubwx6Vq6Gg5z5XJf56RyX+e"
    "zuQnt8pRXsQoB+1riG/5yeXPquFy5rDQEhW2lx4sji3q9Jzjgau7oG7A85B3B6NLQP9OzL"
    "vu9XBw3et3L0H4NanyHcc77it4RYyvURFpfpXm1x/cXsNqTUDbRnYRj1FcSjqNtnAaSbP3"
    "j/B4OZQiFB/jiJg0d1d5fKW5W5q7pbl7g7n7mkVKXqkGGyCOuTveoJll7vaiLpVppO1Gc/"
    "fXhYqB6qdkgIXqAJp1GRTktEhPQDUMtKI9UqM0zeXwzeo0l0NHWtrCXUKfE3Ni0oINtBqD"
    "7tUKpebTqepA8OgS1C9psgnhmo+QniffkUnundyUaoDxLV3/6PUe6IUfiDhNRXEd8mN0PC"
    "GKOIHEeAF+uYcmcBCzxq+7XC0QudAdgdMBBpo9Afjd0mnd0plqmggD9Axth6YniKzv0VKk"
    "3i0p5Bm0fVu7LBdRFdN7bGwKKiJJWaluVlod8YeLPLRbDrQvKYe50sNMV/wCJq+guTR3pY"
    "Lq2auwCJYRCQlnqlbOi4dGCs5f74cDPp4RkeSio88w+B8wdGdvuEbe7lNXN7BuOmf0ssd4"
    "wVOIsq1MSYNSYmGhHSStTFSFoz8x//yOSMj5nZzfku1Lti/Zfi623yE/tiGk+uxsMwfP14"
    "KG+Ug+ZbssOQhYqs7YOD3ivbMZBcYebbchWfg18Kg/QxprBuidCzj+Tl0GFD80BfzkkG5s"
    "TPn8gwfFmAY5nc1ttFTCVg9n4KsfI7fS8YKZBoIrRoLmJvQpwJCVpkB2NIROTNlZTBV7LO"
    "g9SapeLap+6JzZqi1+Zb+wj5hcWDVoy4mUq1IY58kCmqH/hMvzjupP5N1yutBu1IGiM2tz"
    "sW7vjVcWtp/seuuX0WWweuqlh75QvwwHZ6OCGU6KzRqm17VD9D9aVZtqglQRS7h6XqnAcm"
    "2irFFvEC0R1iS6oUW0O0S7If+Qxtp/XQdTrY1TwXtfFym2s5wNl2Rq0J8k8yakRlgnjXA9"
    "s/NDGpORqPLLeCNCWDnFaYSgRkWkpTEJqOeLd7YIHYtLyuixKvvxHETe4oKcoxwJBqF0lX"
    "NjGrdj6sa4716C4NvEvL0b3gxHveGg3SeH1/9MzHbn1/H96IZlH6y/T8y7Yb8//NK9uwTB"
    "t6TqdJwMBBuqDs/BIk5oWkvUIW46ju9Froyxi4yMsYt0xpjD0oaV2QLOnpCLFb8qb8EKXd"
    "m9yFJdOUp1PSNd2ypkPSYoX0lVfiXJvATxE0ZuUBuaxos/A09k2P2HRYaxS8d2FWDdr2N7"
    "DTj1HHPyQq98sY+/3UFDxfxQF66vuiZw/7V/4+yIwHiHMtz/QYNmDgNtEB2Wb0MIf28GKn"
    "QGetgBDyzF/QHQ38H88vAZ2i+rBbQheLWuMOM0AUtnJJ/MqQCmL6wTjoV2f5fZYeNFQeK/"
    "WB0WZf5vyR0rpPqWVVVBbJMtWiikxiVCWrkIXyuD8LXShC/6y1Iwi5OSE2IHrLpwBJfCXp"
    "KSpbOhbGcDjQljN5tWRLL2ao0LHnC71vDIye7X6sUEFK4yFJOqn2Gu/FJDrMCfsl3lLJ5s"
    "/TDfS/ksaZ8Ro19f+4zcfLRuo84xxobsfOutM8sm8l78oJDGh+GFG0l8GNaYj8XTjHg/8s"
    "mjyR6DvgQrGmu/Uh0/Gl5r0rKyqwVaNtnejKuFPlsANP0vnAl2dSyt5w358LoGlxbCdPMd"
    "5Qm+pOLso20jC/PvdKfH9RnvetQUJsOwjhuGxU9rFGs4gpzGOlD+8lVJSTvLpZ3xZKICuK"
    "YFZWRWEtw/XLI4Fwt1i4ocDtDzJKDn1QFx/WIr8O6KCckS1lxELbXYVrkJsfqR8IvzVp6I"
    "pPOWOCKJnouD/aTzCqzki9oLZA9onqb38ambVrgixxOZDuzEJfA+aQHgj+NBh1b/pZ9JxT"
    "rPMJS8V6OMutt71F2SwRTAmiNaP9D3EmFnQ3KnDlYWqlNoGU/K1Q/u8lmHQzHj6sdX+qNQ"
    "l4tK1Yl8/K3VevPmfev1m3cfLt6+f3/x4XWo46VPZSl7V71PVN+LDQOn8JI0Y/8I0aQyrn"
    "APGfjQLpyAH4pI2pR84dKCV9ApiGhCrERUT3RvKhn5epjI1+RKUAKsY7+bk3z8c5SICNe+"
    "GKLk+mAw7vdlMPEuaHOCidNraxq3oQlHiPzJOUOLFTOp4oq6cZomXig5wt7FqNPQMfFcDb"
    "DPO2O3hb3KM7aAI/wGLqdkZBa61eD4wSNnm1lu8GW83SYnuPguN7id2StB1nSrlOvYRrzw"
    "z3zG4kC2ym7kxvDrgOZlsw+awH3TG9DcbfIxMW+6NGzzEnif21iOy0/ZlrYHMfSnGUwlUx"
    "x/LFNEfeCUvLnuvPlUQRUR5yOX/7s1VLPB0cTZ8Uwd3ApalKp9S127Srr2cTMzK5QEu5fc"
    "kyPmZVbTunCwxEy/eJFl6zOoLJGJF0ahiAyRfB3G4gBhGTH4XqBq74D+WlyCnwt8SdfF6N"
    "eLrhfIfYoEu5Mxdm2el6GId4aqjx+9nk5wHgiN3bFFzJ2Gne+Ilsco7yMd1gm0fdOXYJ4J"
    "WExkGmaTGWUeaVmySyEgS+z3SYeCJDlVeWr3HRWKdSxy1whMxIFADeHdS3UfcSrlZn/YKa"
    "RVNnqEwY073c4lCL5NTNp+fTz638S8GQ5Gn/v/vgT+l4k5Go5oYWT2MTHHg37vpjeiguHX"
    "anjSBFXHxJtLCoqO5Yucrhr1KbuGPnJ0vmlFXEM/IiIzNVPVl5Bh0E3sFfIUFAA1KSbnKm"
    "euUvWzmLYXEZGev2zPX6B87+igClwipwnpRgdVZEJVykFlI5pS2+CxO/9UM5PZRRrt01Ml"
    "qkAiyZ0kdzVmH9KHdSwflrTjbzUUFbLb50r5k6XqxMvbabprOMOeci4Ej+j0pSAtSAnKDM"
    "WEuUzGrcpAy4pQroKBlutnuwRw652mmFoGd0hWxKrztKuDl3RRo3m8V5fuPYvu6dJi1g0O"
    "6Y+ebmYRfz9KCIYtN5ZKbdM9n2fQobtAe5cBKzhdIPQEWC+XYGXrmDy0YKXjBaDbSsP5HM"
    "5wEzgIQHVGjjmA/CJDJz0g8vili6bu6RolR9Jm1SIqjx1XKL6zxEgrWfT0WPG04ZO1BVlK"
    "ykq6VBW6VEJ02z5fV+zVznlPBa988QsKBy2OYZamhbEjpnFpsa6MxVpGzEib9YEV/APmXa"
    "jY5XCpnBu0h9IHLPY6GnaGBRcQJkPDjTrDidkZ9gafLgH7oP8NuvQf7y145Kqv0oOw1YNR"
    "Id1IehB+SJVYehCO6UHw1eai8VoxKelDkG4Z6ZapiDm7uZtbJkKjd40wXPdUU2jjq6B0eV"
    "XK5bVXM5m3aPAMZeFykmEqW7eR1UZqa/lyDPexiOEraF87b1T5aXgyDHa/JkXf2TxzHYyW"
    "gipuGwtaJKRLMTBWaFbvpZqFt+n1dnuPpGVrk/Qltx+pzOJzmiamUmuKqJZON67aMYiqbe"
    "m/ebtfndgUyFVOhCGNkaW4FnkYMFxaeFe8SI8jZI2tttddXZFDLp4iTkZqEayudMMgP2QY"
    "dlVHoKaqQQlyKRsvXHl91RWqR1s1d33+PKA+2fUylsVdS3Qzg1JgyrstwknCtN6uYEes4v"
    "sj1BEq30C4a/mx2hlS484SGZGeBY8fUK1AU7OQvvM6/tXrruv3VnvUKCsuCbIg9r4ueBWy"
    "kHN1ezGu+TcSChX7+jgz4sa0RCHEXfHaqrziqQC3lR8mhoXQJ5NEbJN/RkkOnHTW1NhZc3"
    "KhnMWfzkb7etT70r0E3ufEHN312n0Wzxl8m5i37fuR0hmTVsE3WmLutt1j9eXo58TsDa6H"
    "N7f97qjLitj53yfmdXtw3e3TSnTBt0auId37lk6ubVPbuAVtHWkKGS27uGVX0EcNbbwnYt"
    "PNFS2aGDbI2/uw0MD7Pchhr/Sw+y7I6Bt8OycmpwfpyMy/J4Lnk9zen5bRTQlPYDWV4lo8"
    "gDJKX/z0naYLNU+Uviz8WeMo8irslF1uDLmspJoryFlQSfWOrBZ3vetRsRjczRH8Bbd/3z"
    "5+vwoTuozo/fLCmllIOceAFoSai01m5IwS7Jwp7WT1tZPBpaobRXhUKFC7sOY3rTyRt6SV"
    "kDexc/FXvu4oZL3Fc2Qvid611HkeA4QMqJqCec2TT0A/JR3s630VHjnsjL4aDvsxHfmql8"
    "zfH9Mt5l+ds8EgjXRvEZXBn/VnLjL4c/9qy5HjqKppyZFhVCcaRnWK0+lwUVSngs4+E0D9"
    "kKAONPRnaL80OKQp2aSZxZ+CcCUt2npjiU/Ckr06mwCtoAYwAoge8UO7CAwLCBzyL7R/co"
    "AXWA5stErX8dylI+4OkWGd0qCP1DaR3yJecxN+x0GaQFjPLZD0ua+s6VYZEnh6wRKN2+6g"
    "0xt8KohzIHYJ/C8Ts9Pt975072iQQ/h1Yn5s91jcg/eZfLyOE/UgTrsRphBGRWqTPFjatm"
    "aG6mDFm70EM63I1oY8UblzXBri5IsghXA2A+eISzdxdfyFaTcxey6gbSM7PdTi0pVxKVm5"
    "snjlSl/N3MrMlZSVT1iVnzBpzvwhhjlBlvIyoISYjMDg1uMoiGlERgKaHYERmgl2DMGoaY"
    "ZWMxEMEJ1am6vNwUiKX0n41i9pMAVxfEWs0t7ByUEQ2xyj47TZ5hidJ3m2FRrf9QGaM5ug"
    "F53yk0P+UTGw4QwS1dDx9vlhiZe8LYMKyU/MidmhI0DEmVHSgeTkgzcoVDl5uGTNfa1UJ9"
    "JkMr8A6qqkNwp0Eyx0ByP7pQlUUyNnkZVzk6Fv8eib9TWlBfLIFkjXLhSE4jevcnLWtsH7"
    "r9/mKaNPm2UUgHubKqYvN5U42qYSkBAvzjs7I1UllKjhBD9v5ZnfpJXYMt6SW0X8mKQ48s"
    "IuOMxxSWnhqvIoVytLoroDK2vt7wxr6dH6AsDXZCYN+haFa6IhKDUB/hDBPcJNe5PWphwU"
    "O/+2vfdoSfgoZbuMEy9I52TIWEyO6vPlZrirLiG3LDSH/D4Ci2o6qkfsVI9Dz1TX4ezaW/"
    "4lKEvvkf90je7nS9s/6NpDQOhtwskhudWwHyIO6YQkDbD9so8tfyXlLn0jRwoVl5VsDvkJ"
    "ZKvMTxrj+/anrjL6fNe9/zzsd5S7bvv6Mw3qYeHMZ3hBsFogQzuz6b7VUJuYaYn7Yf8LX8"
    "RBxjOVaY9HQ2U0vFXGt8r9+Pq62+1QgRkLd3bOIrW1zhx3NoNQS0oFsUY8kbmqG1BLPvB5"
    "eFb5RfrpTEpPmF/vhwOBzu23T2rb+gyD/wFDd05YceCBSpHIth4kDQWJh5Z2kLQeSGa7zV"
    "BIziM5j+Q8kvNUG/i9cp42gX62aHDYjn8mk+eo6zaVSf4WBuNyF0COV9uf7Lup/pUPvhVr"
    "/JS4cf0/YldERKTKuv62zrZ9VMqiD1UBhP3mNUT3PNdOVucZO1mdp3eyIlfE3BAjMQ+JiE"
    "gqUpCKFEipLv9l9tf/AaHCHJ8="
)
