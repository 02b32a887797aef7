from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "plan" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "description" TEXT,
    "stripe_price_monthly" VARCHAR(255),
    "stripe_price_yearly" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "plan_feature" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "type" VARCHAR(16) NOT NULL /* INCLUDED: INCLUDED
NOT_INCLUDED: NOT_INCLUDED
MONTHLY: MONTHLY
TOTAL: TOTAL
UNLIMITED: UNLIMITED */,
    "value" INT,
    "position" INT NOT NULL,
    "plan_id" CHAR(36) NOT NULL REFERENCES "plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_plan_featur_plan_id_da35a7" UNIQUE ("plan_id", "name")
);
CREATE TABLE IF NOT EXISTS "stripe_event" (
    "id" VARCHAR(255) NOT NULL PRIMARY KEY,
    "type" VARCHAR(100) NOT NULL,
    "processed_at" TIMESTAMP NOT NULL
) /* A processed Stripe webhook event: written with its effect, so each is applied once. */;
CREATE TABLE IF NOT EXISTS "tenant" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "stripe_customer_id" VARCHAR(255) UNIQUE,
    "event_sequence" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "billing_outbox" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "usage_id" CHAR(36) NOT NULL UNIQUE,
    "event_name" VARCHAR(100) NOT NULL,
    "unit" VARCHAR(64) NOT NULL,
    "value" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: PENDING
SENT: SENT
RECONCILE: RECONCILE */,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "last_error" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* A meter event owed to Stripe, written in the same transaction as its ledger row. */;
CREATE INDEX IF NOT EXISTS "idx_billing_out_status_1c163e" ON "billing_outbox" ("status", "next_attempt_at");
CREATE TABLE IF NOT EXISTS "credit_balance" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "period_start" TIMESTAMP NOT NULL,
    "period_end" TIMESTAMP NOT NULL,
    "used" INT NOT NULL,
    "charged" INT NOT NULL,
    "by_type" JSON NOT NULL,
    "version" INT NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_bala_tenant__52df6a" UNIQUE ("tenant_id", "period_start")
) /* What a tenant has used of its plan allowance in one billing period. */;
CREATE TABLE IF NOT EXISTS "credit_grant" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "amount" INT NOT NULL,
    "remaining" INT NOT NULL,
    "priority" INT NOT NULL,
    "expires_at" TIMESTAMP,
    "source" VARCHAR(16) NOT NULL /* PURCHASE: PURCHASE
PROMOTIONAL: PROMOTIONAL
ADJUSTMENT: ADJUSTMENT */,
    "reason" VARCHAR(500),
    "stripe_checkout_session_id" VARCHAR(255) UNIQUE,
    "voided_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
) /* Credits on top of the plan allowance (a purchased pack, a promotion, an adjustment). */;
CREATE INDEX IF NOT EXISTS "idx_credit_gran_tenant__8d3a88" ON "credit_grant" ("tenant_id", "remaining");
CREATE TABLE IF NOT EXISTS "tenant_subscription" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL /* ACTIVE: ACTIVE
TRIALING: TRIALING
PAST_DUE: PAST_DUE
UNPAID: UNPAID
INCOMPLETE: INCOMPLETE
CANCELED: CANCELED */,
    "current_period_start" TIMESTAMP NOT NULL,
    "current_period_end" TIMESTAMP NOT NULL,
    "stripe_subscription_id" VARCHAR(255) UNIQUE,
    "stripe_event_created_at" TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL,
    "plan_id" CHAR(36) NOT NULL REFERENCES "plan" ("id") ON DELETE RESTRICT,
    "tenant_id" CHAR(36) NOT NULL UNIQUE REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "is_platform_admin" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS "credit_usage" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "amount" INT NOT NULL,
    "from_allowance" INT NOT NULL,
    "object_id" CHAR(36),
    "idempotency_key" VARCHAR(255),
    "request_hash" VARCHAR(64),
    "sequence" BIGINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_credit_usag_tenant__889950" UNIQUE ("tenant_id", "idempotency_key")
) /* One row of the usage ledger: what was charged, to whom, for which object. */;
CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__db90ed" ON "credit_usage" ("tenant_id", "created_at");
CREATE TABLE IF NOT EXISTS "membership" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL /* OWNER: OWNER
ADMIN: ADMIN
MEMBER: MEMBER */,
    "created_at" TIMESTAMP NOT NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "user_id" CHAR(36) NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_membership_tenant__53cceb" UNIQUE ("tenant_id", "user_id")
);
CREATE TABLE IF NOT EXISTS "project" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "created_by_id" CHAR(36) REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_project_tenant__00b05d" ON "project" ("tenant_id", "created_at");
CREATE TABLE IF NOT EXISTS "task" (
    "id" CHAR(36) NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "status" VARCHAR(8) NOT NULL /* TODO: TODO
DOING: DOING
DONE: DONE */,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "created_by_id" CHAR(36) REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "project_id" CHAR(36) NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    "tenant_id" CHAR(36) NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_task_tenant__6d25fc" ON "task" ("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_task_project_51bff5" ON "task" ("project_id", "created_at");
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);
""",
"",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "plan" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "description" TEXT,
    "stripe_price_monthly" VARCHAR(255),
    "stripe_price_yearly" VARCHAR(255),
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "plan_feature" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(64) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "type" VARCHAR(16) NOT NULL,
    "value" INT,
    "position" INT NOT NULL,
    "plan_id" UUID NOT NULL REFERENCES "plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_plan_featur_plan_id_da35a7" UNIQUE ("plan_id", "name")
);
COMMENT ON COLUMN "plan_feature"."type" IS 'INCLUDED: INCLUDED
NOT_INCLUDED: NOT_INCLUDED
MONTHLY: MONTHLY
TOTAL: TOTAL
UNLIMITED: UNLIMITED';
CREATE TABLE IF NOT EXISTS "stripe_event" (
    "id" VARCHAR(255) NOT NULL PRIMARY KEY,
    "type" VARCHAR(100) NOT NULL,
    "processed_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "stripe_event" IS 'A processed Stripe webhook event: written with its effect, so each is applied once.';
CREATE TABLE IF NOT EXISTS "tenant" (
    "id" UUID NOT NULL PRIMARY KEY,
    "slug" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "stripe_customer_id" VARCHAR(255) UNIQUE,
    "event_sequence" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "billing_outbox" (
    "id" UUID NOT NULL PRIMARY KEY,
    "usage_id" UUID NOT NULL UNIQUE,
    "event_name" VARCHAR(100) NOT NULL,
    "unit" VARCHAR(64) NOT NULL,
    "value" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_billing_out_status_1c163e" ON "billing_outbox" ("status", "next_attempt_at");
COMMENT ON COLUMN "billing_outbox"."status" IS 'PENDING: PENDING
SENT: SENT
RECONCILE: RECONCILE';
COMMENT ON TABLE "billing_outbox" IS 'A meter event owed to Stripe, written in the same transaction as its ledger row.';
CREATE TABLE IF NOT EXISTS "credit_balance" (
    "id" UUID NOT NULL PRIMARY KEY,
    "period_start" TIMESTAMPTZ NOT NULL,
    "period_end" TIMESTAMPTZ NOT NULL,
    "used" INT NOT NULL,
    "charged" INT NOT NULL,
    "by_type" JSONB NOT NULL,
    "version" INT NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_credit_bala_tenant__52df6a" UNIQUE ("tenant_id", "period_start")
);
COMMENT ON TABLE "credit_balance" IS 'What a tenant has used of its plan allowance in one billing period.';
CREATE TABLE IF NOT EXISTS "credit_grant" (
    "id" UUID NOT NULL PRIMARY KEY,
    "amount" INT NOT NULL,
    "remaining" INT NOT NULL,
    "priority" INT NOT NULL,
    "expires_at" TIMESTAMPTZ,
    "source" VARCHAR(16) NOT NULL,
    "reason" VARCHAR(500),
    "stripe_checkout_session_id" VARCHAR(255) UNIQUE,
    "voided_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_credit_gran_tenant__8d3a88" ON "credit_grant" ("tenant_id", "remaining");
COMMENT ON COLUMN "credit_grant"."source" IS 'PURCHASE: PURCHASE
PROMOTIONAL: PROMOTIONAL
ADJUSTMENT: ADJUSTMENT';
COMMENT ON TABLE "credit_grant" IS 'Credits on top of the plan allowance (a purchased pack, a promotion, an adjustment).';
CREATE TABLE IF NOT EXISTS "tenant_subscription" (
    "id" UUID NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL,
    "current_period_start" TIMESTAMPTZ NOT NULL,
    "current_period_end" TIMESTAMPTZ NOT NULL,
    "stripe_subscription_id" VARCHAR(255) UNIQUE,
    "stripe_event_created_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "plan_id" UUID NOT NULL REFERENCES "plan" ("id") ON DELETE RESTRICT,
    "tenant_id" UUID NOT NULL UNIQUE REFERENCES "tenant" ("id") ON DELETE CASCADE
);
COMMENT ON COLUMN "tenant_subscription"."status" IS 'ACTIVE: ACTIVE
TRIALING: TRIALING
PAST_DUE: PAST_DUE
UNPAID: UNPAID
INCOMPLETE: INCOMPLETE
CANCELED: CANCELED';
CREATE TABLE IF NOT EXISTS "app_user" (
    "id" UUID NOT NULL PRIMARY KEY,
    "email" VARCHAR(320) NOT NULL UNIQUE,
    "is_platform_admin" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
CREATE TABLE IF NOT EXISTS "credit_usage" (
    "id" UUID NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "amount" INT NOT NULL,
    "from_allowance" INT NOT NULL,
    "object_id" UUID,
    "idempotency_key" VARCHAR(255),
    "request_hash" VARCHAR(64),
    "sequence" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "user_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_credit_usag_tenant__889950" UNIQUE ("tenant_id", "idempotency_key")
);
CREATE INDEX IF NOT EXISTS "idx_credit_usag_tenant__db90ed" ON "credit_usage" ("tenant_id", "created_at");
COMMENT ON TABLE "credit_usage" IS 'One row of the usage ledger: what was charged, to whom, for which object.';
CREATE TABLE IF NOT EXISTS "membership" (
    "id" UUID NOT NULL PRIMARY KEY,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
    "user_id" UUID NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_membership_tenant__53cceb" UNIQUE ("tenant_id", "user_id")
);
COMMENT ON COLUMN "membership"."role" IS 'OWNER: OWNER
ADMIN: ADMIN
MEMBER: MEMBER';
CREATE TABLE IF NOT EXISTS "project" (
    "id" UUID NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_project_tenant__00b05d" ON "project" ("tenant_id", "created_at");
CREATE TABLE IF NOT EXISTS "task" (
    "id" UUID NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "description" TEXT,
    "status" VARCHAR(8) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "project_id" UUID NOT NULL REFERENCES "project" ("id") ON DELETE CASCADE,
    "tenant_id" UUID NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_task_tenant__6d25fc" ON "task" ("tenant_id", "created_at");
CREATE INDEX IF NOT EXISTS "idx_task_project_51bff5" ON "task" ("project_id", "created_at");
COMMENT ON COLUMN "task"."status" IS 'TODO: TODO
DOING: DOING
DONE: DONE';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
""",
"",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtz2zYW/SsYfkpntJlUsR1Xs7Mzsq0kam3RY9NNt1GHpShYYk0CKglG8aT57wuA75"
    "dEypREcvHFpgBckDx43XvuBfhNsvAcms7rC8M0DbSQXTLDX6UB+CYhzYL0Ir9AD0jaahVl"
    "swSizUwuMfOKqjgqO3OIremE5j5qpgNp0hw6um2siIERkxkCCxJoA/gFIgLwGs4BweCe0C"
    "K09No2CIEIGAiQJQQOfTRAK0QOrZNWADQHGMQBJpwvaB02Xr9md51jnd6WPsm+buAi428X"
    "qgQvIJWy6W0+/0GTDTSHX6HDfn6WHKIRl+OD4FeiavQ21or9l/5gZVdP6qMBzXkCcmPOyv"
    "N0lTyveNrDw/jqPS/J3mym6th0LRSVXj2TJUZhcdc15q+ZDMtbQARtjcB5DH/kmqbfYEGS"
    "9zo0gdguDN9jHiXM4aPmmqwVpX8/usiDht+J/Tn5j/9osWKqOpEV9X6kqKqUaXT2CKlm8p"
    "N0jFiHMRBhKH777tUbAcJTJXaDy4/Du1dvz37gEGCHLGyeyeGSvnNBjWieKG+RCGXX0RZQ"
    "rYZ1XOawiAdgNQzeCE4+sFT+KwPo5VKz8wFNSqUgpQ+5C5hBQoRmNOkcAE7J0r6qJkQLsq"
    "Q/f3zzZgO+vw7vOMS0FMcY01nSm0Qnflbfy0tiTV+VVEE5KN9BfM9OSsB7dlKILstKgvtF"
    "M92cPjxGJB/csHwKXfq8bUR3wR7iX/0fT96dnL89OzmnRfiDhinvNgA+nigpNKP1L9tZR8"
    "i1OKZj+gga0mEG20j6cF1Xuh1NrsaTDxVXs0BsAPyLKbofTZQBYH+n6G50KU8ux9ejAQgv"
    "00pKqfnkrMx0clY8m5yl+7uvkuS0UWGXj4scrte/aUmXTyt6GVyvKDDEsGA+uDniKYznvv"
    "zr4KKF88wGRJXxzeheGd7csuotx/nb5KANlRHL6fPU51Tqq3SPDysBn8bKR8B+gt/lySit"
    "yYTllN8l9kyaS7CK8FrV5nFMguQgKdHgpuYQFdo2trNtrdDWzG/npNRO85uvJbahTUe/KY"
    "nmDGakVzfD335INOm1PPkQFI/NYJfX8kVqoOk2ZNjsMMaSkmJ4NXp4OcxEqN7GMbEaGrhF"
    "Q61t7Usg0mhTVbPEE0J1muLNbdgtxjijkx6fcqkOD6wsvO+xDY0F+gU+Z9TwFKQ+C6iEFb"
    "UT1ig1GtK2tg45uGS3ou9P3xoSz2AZ3l8Or0YSx3mm6U9rzZ6rCcBZDu7jVEpYNptl9a10"
    "ioa0BYeHvQd7ah/5SxvODXKhmbyBcgjaZIHeJoJW50XVWazsVoL201IjQAMePmCpOcB14B"
    "zgR06MrmhNQDNNvGY1MhoVIwh8IhisoG3geZaTraHOKZoiZQkZJQsMh5O3jPCbaQ4EC5ei"
    "PqA30KmtuYAsn15jRN+dvpRmgodbNv+x+/3JbvwnFacPZLkOfRiDTKkiTiExn/l96Q16wM"
    "GcP46qXC8xvdEdhdMBJtafAPy6Mii6QNcQwgTgL9B2VhDNi/jiz7Gx6b2SSseg7bPDMSZZ"
    "kMVHJYsTbVNREUnLCnWz0eqI31x00O7Y0L6kaOZGNzOb8StQXkFxQXel6S5vKayCZUxCwJ"
    "mGc/bsoZGB8+d7eZKPZ0wkPekYOgH/ANNw9oZrbHWfuYZJDOS8Zrc9xgLPINrMMqUJpdTE"
    "wipIs0xMhWOPWL5/xyRE/073b2HtC2tfWPulrP0PtsYfvcDW97J7JSz9RVhyq53vVe1Qmx"
    "cQvGK2MbOpU7b4Kw2sXJsu48xcX9E37lGTeGVjC7Nq6A9aeP4XtaMtiMgPWcN/XzcpE5AV"
    "jQ4bWrRvsEcSoVjHta41C7t5M1axAzoUEEEXOWts1LPLQ5qQEajmoLqi1r1tkOcKoMZFhC"
    "qYBtQjS50dfHtJSeHeazLR4mC6ihcEhZaIAAulmxy8KN0+MDvzfjQAwdUU3d7JN7IylifD"
    "a5oc/Zii4dXPD/fKDQ8Pi67TatJxwsFsqDl51m5xdGkk0YUgliS+p6XCd083hO+eZsN3Hb"
    "7rQNWXUH/CLlEd6DC+INcmLoZ9cy21NMVRw9KTDdE/PS3RELRUYUPwvBS1g435TvFDCUGx"
    "/DR5+RFBYsUjjL7gXEbms98DW9Ls/mARMUWCZWwCrG1nGR/YnjapkGX0snslWEY3LLmVZZ"
    "S9iJqA+eOS/u7KAVizKJy15vhBNvMe26m5XmKrBx6xTa8MfQnw7C+okyy1WGvNWwJ2qA5g"
    "rTD9rT+rT/A5E7MTLxtbTATbeFy2Md+9WqxoF/hWG2WANmb3nKBy6+XIHm1sqaFTpAKuWU"
    "FBQKbB9ab6ilpiQugFs297bL4Ku8DTS2KFaTZHtHt80l5oDBvSN3WIutScZTXiLinXPbjr"
    "X98chlnuTHxhLAon47hUl5a5n/r9t2/f9d+8PTs/PXn37vT8TTglZ7M2zc0X4w/jSWrLX0"
    "6ooeBy/h8oO0He1L4uuw60K591E4oILUdQYYeiwtK9tgZYH/xqWtlVt2IaG6cJROn9weTh"
    "+vpY7OINtGbQdpbGSsohF2O5vU3copUst41ZLEZ3C5fHu5rYdNcoos7G5s5xI4Fsk0k7Sf"
    "40Gd0NAP/HokJuxhMWEEL/TdHN6OaCZXr/0zz3cWJDhP5dDL3wpQp1vPnqeHfgFPp41/Xx"
    "toJapJAf2dt/a2pIytHEefpGHXwVlKhV+xa6dpN07aoH99Z7ZG+DAk33cmBv/MkyIBcfEZ"
    "gS64J/ZpNevI8zAv0o6ZVt6FC1MCJLs5JXski+C21xANdkAr5nqNkvQD8SF+CXAl+Y68Xo"
    "d8tczxhDxSpmLLSItrHL7pvpHBe+5Ptf7qCpFSw/MfXxvVdTC/tBkU6fnMTcWVj5C9HyLM"
    "r7WIVdAm3f5kvQzwqsmFg33GzMqI+xkjW7FAJjiT+fcCgII6cpo3bfkVHEIEXumgKKOBDo"
    "ILz9UlZkf4MV2c9akcWB69v9YW0IYpfG1IJ7uBpdDUBwNUWsfJQe/zVFN/JE+Xj93wHwL6"
    "ZIkRW225r/m6KHyfX4ZqwwwfCyGZ60w35kpmmmT90Hc2DHyKdWig/miImIuPgMoExHqqaS"
    "xESEe2qzeyrQEF/oRQl4+3ZCutWLEutQjfKi2Jht/5DyTBA/q7fR/IgV2qc7Rew9FBZI04"
    "b+AVRk4WgRH2NqXL9vCblcam+Gu5rv2MxJyQ42c0t9CjnNnmHAgyE6e65oFmQExVYScRz2"
    "HiAV0YCHjwaMxnYN4HZ7j05mGqy8UyfWnzXn6aVeSFpFh/rxXv2O9zwEZcS+Uy/lGP3x7N"
    "4mw98PZYFhya2HJA3Zaec6dNj5595twBrOlhg/8a+QkQFY2wahgxasDbLk30yDj49QJ96H"
    "yjR9yT95tlqZBvuqGh1+2eOS9nSPmsM9Nx0aUZ913KAgxBrDgcQ5SMcK+gxH1g7GUlpWmE"
    "tNMZdqCMHa53LFl/acdSpY8osXKBKUOAYt3QOf49S4YKwbw1iLsA7BWR9YwT/g5gCNuDm2"
    "VMlPE4TSh+vpkiJfyRUnEC7DYmKu5Cm6kseTDwPA/7FfkxH74a2CVUfDeYmxcF44Es5FuL"
    "rwIAgPQgdUYuFBOKYHwVebq8ZrJaSED0G4ZYRbpiF0du9lbpmYGf3SCMOopo5Cm5wFhcur"
    "US6vvdJk3qSRR5SF08kGqiwqI47E6Czz5ZhuzgdUN2xW98t3zhtV/14xEQa7X0rRdzbrrk"
    "OwVXDU2PYvCyalxRcFSxy5wJ3m6m6HxGdlO7MzSZwT35jJp50UU60HX2CXzPDXnMFZIYTq"
    "wjBNirMcVtWyflDq4IuZZjIT5oXRZt535C68uroK1cLWWPEagPpgd4vOSJL/7Ht8tcAUfp"
    "ewizBFp56/EKvkMetdhMqncF56ilHnqK4knS1ihl8UM5x/FlQxoDKCCqZ/9nQgVEsowe87"
    "kXIJLAoJujRi28g6Nd1wgrnrMHPXurie6qNTGl4q419HA+D9nyLlbjy85sE9wdUU3Q7vFf"
    "XqgZYKrtihOLfDMT8Rh/2fovHkUr65vR4pI37sjn89RZfDyeXomp2dE1xJpZp07x+hcG2b"
    "ESUraBt4rtLWsqub+QV1dNDgb4mBXyp0KNVsEOXMppUa3q9BNHujm93no+Mr+G6Mdk4Ngt"
    "Uuf4qzR1DvTq5uqKaGEdhMpbgTA1CEbBaPvnby6WVCNsUpcB0OKTzqkrWXgEJxrF6piLeC"
    "Y/Xu6GxxN75UqgVkbQ/nDJiwvQdzNqFD1xHKWV+MG48vzCHQgrjDYsqM5qjBt74ET9Zdng"
    "xammFWsaNCgc7FuL3tlwnDoqUK7Sael1zyDUel8y15xLZF9S7LyPMYYGxCDRX06zz5FPQz"
    "WsG+1qsw5bA9+kKWrxM68sU4vZnzgX0U99WPvDFoIcObREUkUPctl1ojgQ4fjtBMlkJEI7"
    "Q0GqGN3elwwQhtQWefO12G0Db0pZRjB/g5my2BqExj7IDCAOpcMyAnaNrvFs3VTGv5nEOx"
    "2v+FzsG54SvFin9MpMlO8SY5TdigqoCwX7yD6O7lcDV6RwLzCKef7+VJgUYfiaTVeUMn4B"
    "9gGk6LIwDzwGVgJHT2zKk56QNyUso4q+Aij3c95LbN7/8Do5cw4Q=="
)
