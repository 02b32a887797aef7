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
    "eJztXWtz4ji6/isqvky6ik110tfDbp0qEuhuZgikEujes8OWY7ASvDGWx5KbTs3Ofz+SfM"
    "EXCWwwYNz6EhxZr2w/ur13/dlYIANa+LztmL/Bl0YL/Nmw9QWkF6k7TdDQHWdVzgqIPrV4"
    "Vd0xteeg0hQTV58RWvyoWxjSIgPimWs6xEQ2q9wGBNq6TX7BoH3bA5SuCTBBLjSAjgGZQ3"
    "D/pf23y3fvAXoEJsEAw5kLSRPY8Dt0eQW/5Jw9z0Az+kDTfiq/ac82//CgRtATpHdc+oDf"
    "/02LTduAPyBm//7e8J/HalMynUBD00nj36ya86w9mtAyEpiaBqvKyzXy4vCy8bjX+cRrss"
    "+ZajNkeQt7Vdt5IXNkR9U9zzTOGQ279wRt6LLHxuC2PcsKOiYs8r+EFhDXg9EnGKsCAz7q"
    "nsU6rfGPR8+esb4C/Ensz9v/DV4tVk3TBsORdt8daVoj08fsFVJ9ExTNkM3Gh2kTBuCff/"
    "ntrgDhpQ32gOsv7buzN+9fcQgQJk8uv8nhavzFCXWi+6S8M1Yo898Mztdz3RXjHNZPIU1f"
    "dBuMw4IVyKuJEMIXArQHSBsL/YdmQfuJzOm/l69fr8H4a/uOw0xrcZwRnbn+jB4Ety79ew"
    "zvFb6OCx/NH0UQXlHUEOOL9zkgvngvRZjdSgLsL0LaXMfzIiinyMqBevOScTCg37/NAfT7"
    "t1Kg2a0k0LFFO4Nzh94h5gKKsU5SpqA2AtLz8OIEx/gaqEe9m+79qH1zy5pfYPyHxfFqj7"
    "rsziUvfUmVnqXHf9QI+NYbfQHsX/Cv4aCbXu+jeqN/Ndg76R5Bmo2Wmm7EMQmLw6JEN1s6"
    "JpqHt+roNG0JXR3MINXT5fe0C7+j5636OUmpernKvRwuvtMXrRhHnSEsk7mubgdv5KVX0P"
    "oCTUFYE0QKUgopkwAfn4XSyUpkTML7icqp5pNNhW0Oco++iW7PRIJJIJmPooZOE9ZV6Wq1"
    "dPVlJDYnhxX9fvrVkPg8cPv+ut3pNiSrQgngjjE8RckkL7SZhVAMLxvGU332vNRdQ0uMZ3"
    "YHXaJUSVQ3e2txuUiX6Lb+xCFi38LePMD+yrQs+pFDj0zRj4ZAJ5Ws0Fynmpr6VTW0qptD"
    "Q7WgQLgAfoc2AWgJDUAQuKfIO7T20jUJHZnAtH2FEX01CrFuY91Xm+iYq5YsaDzRNly0FO"
    "mpyn9AHm0VHfTE4/jY8AehrA6BC4coldWhtlm5ysrDdCoU3HXjNIdFvJJbbmIrYIu7vxLk"
    "Zg1XJDuAeTpMfwE0+TKlFdWqJqnqqPfLpVu9WKNbvcjqVumnCnhDOcph/RriW76677tueY"
    "Ix3LOJGNyofgpd8yTZbvq+9OdvlxdvP7z9+Ob924+0Cn/RqOTDGsB7g1FaSx1xE9nB2rW9"
    "RYbTTiqrI+rDDd3GbXfQ6Q0+F+QNQrIWCC4m9n13MGoB9ndi33Wvh4PrXr/bAtFlmuU7jh"
    "0hYPAEfSQd8nGSw4361ycy5NNscwbX9TpGAbmyHFRa08i1/9B1kZvt6xHtzTU2g4hqq/Xt"
    "dBjJUfefo0R3hivS2U37n68SXdofDj6H1WMr2HV/eKUMcz/j9MJMRCjexzEyZaipcv8qa4"
    "KyJlRF5Z3DmnAcdfe1Cw2TXOkW7yCBujtZoblO3T3jVbVprO5Gdfe3uU6AHrhOgrmOAXN3"
    "CF0kHdoS0C0LLVmLTCmNbAgCtTpwoGsiI6vhLqHNiT2xR3PIFNzA9L03mfp0qmMInjyKeo"
    "s+YEZlzSfI7tNrZNNvpx+lW2B8y9Y/9rwH9uAHSk5faOFh+jImmVBGnEJivfDn0gc0AUZc"
    "G79qcjlH9EF3FE4MLDR7BvCHYzJP0plu24gA9B262IG2IdO+x51D/U/S6Bx0A117TC+vVO"
    "9HVb0n+qYgI5KmVexmpdmRoLvopN2yowNK1c2V7ma24hdQeYXVlborre7yt8IiWMYoFJxp"
    "OKcvPhoZOH+9Hw7EeMZI0ouOOSPgv8Ay8d5wje3uU8+0iGnjc/bYY2zwDKL1Wqa0Qim1sL"
    "AG0lomxsKxV8w/vmMUanynx7eS9pW0r6T9XNJ+h75sQyrq87vNHHK+EVbMJ+QzaffJZRK5"
    "o5tcGmcl/p7NRWDii+0upAu/AZ7M75D5mgH25RIZf6cmQxE/UgX8gmkzLmHy/IMPxZg5OZ"
    "0/umihRbUezsG3wEduaZI5Vw2ET4w5zU3YLCBwwX3s3LgLnVxk5z5VfFqwb1KierVEdX2B"
    "PNHyJ7dmRwTKg0OwYfNBXnC/jtOo7TrtvVUhN86TBXQN/xMtzzuyP7G95XSh3cgDxUfW5v"
    "AJf8crC9vPbr35y/gyWD320kdfyl9GnbORwYwGxWYO028aU/4PEOQwTpAxYilTz5kOHM+l"
    "zBqzBjn0i5uUN3Qod4dYM/QfWtn4j4cJ49peZXnOfT2kWK4PFy7o0GCvpOImFEdYJ45wNb"
    "LzQ5qgUagKUHVcE1GBVRCXKAU1TqI0jWlAfVs83sJ1LEmpvMeqbMfDiO7ikpijHAEGEXWV"
    "Y2Mat2NmxrjvtkB4NbFv74Y3w1FvOGj3afHqn4nd7vw6vh/d8OiD1fXEvhv2+8Ov3bsWCK"
    "/SrNNxIhBcqGORgUUe0LSiqIPfdBLfd7kixt6tiRh7l40YwzxsWJvN4ewZeUTDEDMTlVAL"
    "sSZ31NpWSumKCmWSunz3LkdH0FrytGjsXsqaiExjK5f1BKHakqq8Jam4BPkMox9oDG3rJR"
    "iBJ9LtwWRRbuzKsF0FWPdr2F4BzizHgrjQq4Ds02930NKJ2NVFaKuuCdx/7V85O6Iw3qE1"
    "5v+wQjOHgjb0Dtusnx0yuzwnAozoHPQIBg88xP0BsPfgdnmWCPllOYcuBGerDDO4CXg4I/"
    "3lRgUwfeGNCDS0+3vMZh2tVBkrCfyXs8OyyP8tZccKsb5lZVVQ6ZfzyBn7SL8cf7MMzPKg"
    "5BTZAbMuHMGksJegZGVsKNvYwHzC+MdmGRGELKjbMh1RnDCF7ZRS7gvcqOSwo/lqOOwnRv"
    "NVLz1cxzdX3buzCz60aSXTZwmzmPs+AYWzDCWo6qeYKz/VEE/wp22XOUtEWz/M95I+S+ln"
    "5OjXVz/jOcaWvZ6kVL1elV4XKGMj6TzjS3UsLyvff1AqxkfuhRuF+MitMZ8UzyLiA88nX0"
    "z2JegWWDJf+6WOA294o8nSyi7naNEEj8ilV+ZsDtD0P3AmODyp1JY3xMObBlw4iP4/e+EH"
    "R6X97GUHKzVB/I7/PKYKU25Yx3XDEoc1yjkcSUxjHUT+8llJJXaWK3Ymg4kK4JolVJ5ZaX"
    "D/8OjiXMzVLU5yOEAv0oBeVAfE1cZWYO9KEKkU1kJEHZ0UOlEtRVY/IfzdxWUej6SLS7lH"
    "EruXBPvZFCVYyee1F9IeUD3NvuNzN8twxcpTkQ78Rgv4vywB8KfxoMOy/7LfNGOdpxs+5u"
    "iEj9Iu+Ki87g7udZeWYApgLSCtH+h78bBzIf1SXPxgzDRd/eAuX+rADDMhf3xlPkl5uThV"
    "nYSP/7m8fPPmw+XrN+8/vnv74cO7j68jHi97ax2zd9X7zPi9RDcIEi8pNfbP4E2q/Ar3EI"
    "EP3cIB+BGJEpvSGy5LeAVxQURTZCWieqJnUynP18MfB+kFJzjuCGvOgyCrOf1zpIiI1r4E"
    "ovT5YDDu95Uz8S5oC5yJs2trFrehDUeI/sk5QoslM6niirpxmKY2lBxu73LUmeuYfKyG2O"
    "cdsdvCXuURW8AQfgMXU9ozc9NpCOzgsbvNdWbwRbLeJiO4/Cs3mJ35lqByulXKdOwikftn"
    "PmVxSFtlM3Jj+G3A4rL5DwvgvukNWOw2/ZnYN13mttkC/u82muPyQ7aV7kEO/Wk6U6kQx5"
    "9LFVEfOJXcXHe5+VRBlQnOR07/d2vpdkPAifPytTy4E9YolftWvHaVeO3jRmZWKAh2L7En"
    "R4zLrKZ24WCBmUHyIsc1Z1BbIJvMrUIeGTL6OvTFAdwyEvC9QN3dAf0VuQI/F/hKXJejXy"
    "9xvUDsU8zZnfax54qsDEWsM4x9/OS3dILjQKrsTixi3jRqfEe0fInyPtZgnUDbt/gSjjOJ"
    "FBMbhuuFGe0xVrNkk0IoLPH3UwYFJeRUZdbu2yuUmERmrpGoiEOCGsK7l+w+8lDKzfawUw"
    "irbPSoBDfudDstEF5NbFZ/VR7/b2LfDAejL/3/a4HgYmKPhiOWGJn/TOzxoN+76Y0YYXRZ"
    "DUuaJOuY/HBJSdKxfJ7TVRN9ys6hj7ApVq3Ic+jHSFSkZib7ErIsdoi9RmdBAVDTZGqsCs"
    "YqYz+LcXsxEmX5W2/5C5nvHQ1UoUnkNCHdaKCKDahKGahcxEJqGyLpLrjVXCvZxSrt01Il"
    "y0CihDsl3NVY+lA2rGPZsJQef6uuqJDePlfIn0pVJ1/eTtNcI+j2jHEhnKLTl4JiQYZQRS"
    "im1GXKb1U5WlZE5CroaLma2yWAW+8wxcwyuEOwItHx864GXtpEjcbxXk2699y7p8uSWTcE"
    "Qn/8dnOd4B94CcGo5sZUqW125vMMYnYKtP8YsITTOULPgLfSAkvXJHTSgqVJ5oAdKw0fH+"
    "GMNAFGAOozWoYBfSPLpC0gOv2ySVP39IySPWnX5SIqTzqukH9niZ5WKunpsfxpo5m1hbCU"
    "plXiUlXEpRK82/a5XfGtXbBPhVu+fIMiYY1jqKVZYuyYalxprCujsVYeM0pnfWAG/4BxFz"
    "rxBLJUzgPaI+oDJnsdDTvDggsIp2HuRp3hxO4Me4PPLcB/2H+DLvvH3wWPnPVVWRC2mhgV"
    "4o2UBeGnZImVBeGYFoSAbS7qr5WgUjYEZZZRZpmKqLObu5llYmL0rh6Gq5ZqCm1yFVQmr0"
    "qZvPaqJvMXDZGiLFpO1qjKVnVUtpHaar6w5T0VUXyF9WtnjSo/DE+5we5XpRgYm2ceJmgh"
    "yeK2MaFFiroUBWOFRvVesln4h15vd/ZIlrY2QV/q+JHKLD6nqWLKdYo2S2Wt6RZ0iUbmtN"
    "05Ynt6ZgT8ej8cSBSM0hbSI8GcEfBfYJn4BKMF13Q5g2a9lSVtUEl1I2vgSiT45/Fs0x2T"
    "HSi2o3Nb2zF/808lO7GpmSvNC/LIFAniXYsgdGVaFn2RYdRUHYGa6hYTv0s51uHKb6uuUD"
    "25OqteAlCf3Xqp4rL7Sykw5T104SRhWh2GsCNWydMX6ghVoH7cNblZ7dS0SVOM8nffuCr5"
    "POuOKPFVqc0aqitWgWu7Bm3DQebOe943v7lu0FrtUWP6iZIgC6Mg6oJXIVuFOGmjHNj8Zz"
    "ptlbmxmuLpzkc7CbCQmnvSiG0y/WjpjlN2oBrbgU7OS7T47Gy0r0e9r90W8H8n9uiu1+5z"
    "V9HwamLftu9HWmdMa4VXLHvdbbvHU9ex34ndG1wPb2773VGX58cLrif2dXtw3e2zJHfhVS"
    "NXl+79tCjPdZna3YGuiQyN9pZbXGksaaOG6uMTURfnckRNdRsUHatYqOODFlS3V7rbA+tm"
    "fAffzj4qaEHZSPMft+CbO7c31a1ppoQZWE2muBYTUAUAyGffaVpn8wQAqJyiNXZQr8Ih3O"
    "W6p6skrbn8pyVJWu/oanHXux4Vc+/dHBxQ8GT57UMDqjCgywgMKM9jOmYdEKjRkrYDufos"
    "Zq3IpTZrtEHkiAPOqJw1o9weQI+0FIIl7R60/AUDy1yY5BUv8zGhZfxJwGUpaqABTDtGkd"
    "Y87OUhE5vMdQK4MgADevUQVw88nIMxH2uAloIzv8EmiFdprl7qVQsgGwIOG6vD2g7fl9H7"
    "ZH9nGDLHDsB6HHh07Lr03TCyvkMMTNrgzEUYswr6Ex1WwXuzW36BLHVPPGlDWscRvUjmGJ"
    "nfk+Mzne0hcZMpyaCoPHSGVFkgjqsDXXVzBmypP2uC5nCurPtkz0vOs+8P+wyi+RXLlXeK"
    "p5xA+/oLU/sGFxOb8gbD/le/yL/aRhNccu4BD8MiQzusrka1YFTzjbIAmFF9dRSH4CiOHe"
    "wSyh5RYQWJwB6hohZ+hm4OOPJt+jlFqtTcVe7n7YLAjhP+tf8N8cARYNVSj1Z3Vqn8HTvD"
    "Wrqa7mBJEHgCCqEyz09MIVfj0TuaF9ZSrm+1VfvAhW5aYgWFJIY5JKhdEoQ3l3ni9Gktqd"
    "KB30tuUybWHEsnj8hdUNZiYYqcgBGyoG5LxrWIPgX9lDawr9U1KjnsiL4aDvsJNvCql872"
    "Ob656t6dXfDOoJVMImEUlNAlH/+n6YxQQoJuFZJc7bjIakqtKizyRMMiT3E4HS4q8lTQ2a"
    "ekFIStdaBlfofuS0MgNKWrNNfJT2FInRGvvdEXYmhD/1QegJbQAARxr4AwmLHFnQ8wZGb/"
    "XzDwE0UAFy2zp/7s0pDQPyA61ShsQ+ANsAqEseEPQtkmAhcOifwBQkqBu4ASAlX8U7Es+b"
    "fdQac3+FwQ55CsBYKLid3p9ntfu3fMWh1dTuxP7R4PZfJ/09PrOIFMwXwS9JNU1xwnqU2q"
    "sfLM2Dommj96KWaGQI8vt2gLSJVxOwtxeiPIILxeAheQK5NYlU1ifF5A10VutqvlB90kqd"
    "Q5N8XPuQnYzK3UXGlaNcOqPMOUOvOn6OaUsJRXAkqRKRO3MHtvQUxjNArQ9T4DkZpgR5eB"
    "mmYRaqYcB+JDa/PZFDCWhqokfOuX2CoDcXJFrJJ3RroT5DrHeD9t1jnGx0me+KvxXT+MhY"
    "rinnhokwtn0PRDi7CvTsSiA8YL0U/sid1hPcCilJhSEkN688HvFMacPLR49YArNSk1Hcwv"
    "LJTJYB/KYrDmJibIfWkC3TboXeTkPJI8FXu0eqbSQB5ZA+m5hZxQgupVjovZ0gnl8vXbPI"
    "EvrNqa4yLeZsJf1BG0RzuCFlLBS7Bnr8k+E1HUcIBfXOYZ37SWXDN+qQ6W/TmF4tiGXbCb"
    "k5RKw1XlXlae/cqzvyrS406e/Rn1vLmrE53ABaUmwB/CucfXJq2RskNtUw4RO6q6Ub6+Rw"
    "sqjzJpl8vEc9o47TLuk6ODMC3I0jUJvQ4TjGD6fhQW3ca6L9jpvgw90z0MsyJ4+Y9gUnqP"
    "/mcawMS8/oNpPIQCvUtlcgibq3YoOWQDklYg7ktOaVyJ3MdN+MGgEkolm11+QtoqyyeN8X"
    "37c1cbfbnr3n8Z9jtalKiCuzOfR8lLzoPsPhM7SxEmssiS+HG6E7s9Hg210fBWG99q9+Pr"
    "6263wwhm3N0Zn3NOhyBH85xz7M1mEBppqtDXSETyqJuWn4ji+Ed6spGUHTDys9bC+judrF"
    "bR/UsEamlHqynJVsk8SuZRMo+SeZTMs7XM06bQz+YNgbQT3Fkr5+irOpUJ/pY64woXQIFV"
    "Oxjsu7H+lXe+lXP8THAT2n/kpogYSZV5/W2NbftIfs8mVQGEg+o1RPci17n3F2vOvb/Inn"
    "tPn0iELkZyOSRGokSR/Z3yXP5m9tf/AxKV+i4="
)
