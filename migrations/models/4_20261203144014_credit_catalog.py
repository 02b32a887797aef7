from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
CREATE TABLE IF NOT EXISTS "credit_type" (
    "value" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INT NOT NULL,
    "refundable" INT NOT NULL,
    "usage_unit" VARCHAR(64),
    "meter_event_name" VARCHAR(100),
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* One credit type. Its `value` names it everywhere (ledger rows, errors, usage by type). */;
        ALTER TABLE "credit_usage" ADD "object_path" VARCHAR(512);
        ALTER TABLE "credit_usage" ADD "quantity" INT NOT NULL DEFAULT 1;
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "object_path";
        ALTER TABLE "credit_usage" DROP COLUMN "quantity";
        DROP TABLE IF EXISTS "credit_type";
""",
    ),
    "postgres": (
"""
CREATE TABLE IF NOT EXISTS "credit_type" (
    "value" VARCHAR(64) NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "description" TEXT NOT NULL,
    "amount" INT NOT NULL,
    "refundable" BOOL NOT NULL,
    "usage_unit" VARCHAR(64),
    "meter_event_name" VARCHAR(100),
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "credit_type" IS 'One credit type. Its `value` names it everywhere (ledger rows, errors, usage by type).';
        ALTER TABLE "credit_usage" ADD "object_path" VARCHAR(512);
        ALTER TABLE "credit_usage" ADD "quantity" INT NOT NULL DEFAULT 1;
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "object_path";
        ALTER TABLE "credit_usage" DROP COLUMN "quantity";
        DROP TABLE IF EXISTS "credit_type";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXW1v2zgS/iuEv2wX8AVNmrS94HCAE7utdx0r8Ev37uqDSltMrItMaiWqrrG7//1I6s"
    "V6tSVbtmWVXxJZ4lDSQ1KceTgz/KOxIBoy7IuWqf+KVo1b8EcDwwViB7ErTdCAprk+z09Q"
    "ODVEUWjq6otXaGpTC84oO/0EDRuxUxqyZ5ZuUp1gXrgFKMIQ059s0HrsAibXBDYlFtIAtA"
    "GdIzD81Prb1c1bQJ6ATm1go5mFaBNg9A1ZooB75oLfTyMzdkMdP5dftYP13x2kUvKM2BWL"
    "3eDLf9lpHWvoO7L5zy8N9368NBODFGkqpI3/8mLmi/qkI0OLYKprvKg4r9KVKc6Nx932B1"
    "GSv85UnRHDWeB1aXNF5wQHxR1H1y64DL/2jDCy+G1DcGPHMLyG8U+5b8JOUMtBwSto6xMa"
    "eoKOwRut8Y8nB894WwFxJ/7n+p/eo4WKqWpfGanDzkhVG4k25o8Qaxvv1Ixg3j90TDmAf/"
    "zl1rsGRJxt8Bvcf2oNXr15+7OAgNj02RIXBVyNv4QgpNAVFY2xRln8T+B8P4dWOs5++RjS"
    "7EF3wdg/sQZ5PRB8+HyADgBpYwG/qwbCz3TOfl69fr0B48+tgYCZlRI4EzZy3RHd9y5dud"
    "c43mt8TQs96d+LILyWqCHGl29zQHz5NhNhfikKsPsRUufQnhdBOSZWDtTbPxlHA/rtdQ6g"
    "315nAs0vRYEOfbQTOLfZFaovUDrWUckY1JoneuEfnGEf3wD1qPvQGY5aD4+8+oVt/24IvF"
    "qjDr9yJc6uYmdfxft/UAn4rTv6BPhP8B+l34l/74Nyo/80+DNBhxIVk6UKtTAm/mn/VKSZ"
    "DWhT1bF3aui4bAlN7Y0g2dLlt7SFvpGXndo5Kilbucqt7H98pyu1mEadECxTua5uA2/Vpd"
    "fQugZNQVgjQhJSBim3AJ9eUq2TtckYhfcDs1P1Z8yMbQFylz0JxLM0w8SzzEdBRecJ6/rs"
    "+mtpwWVgNke7FXt/9taIujpwa3jfancaGV+FEsAd2+gcLZO80CY+hOnw8m48hbOXJbQ0Nd"
    "Kf+RVyRWJngrLJS4urRfwMxPBZQMTfhT+5h/2dbhjsJRWHTsn3RgonFS3Q3ERNTd2iKlmX"
    "zcFQLRgQFkDfEKaALJEGKAFDhrzJSi8tnbKeCXTsEkbs0RjEENvQpU2gLaglA2nPrA6LLN"
    "N4qvJvkIetYp2eOgIfjL5TpupQtDCppKyONc1mU1aOzYZCwVk3LHNcxCs55YanAjGw1KI8"
    "YFSqjkxVLjbwcgMbeJlkA9mrpmgz2Sj75WuIb/kE1TdoOCl9uItpOrhB+Ri6+lkqiux52b"
    "+/XV1ev7t+/+bt9XtWRDxocObdBsC7/VGcVw3mv2Rn7WBnkdANo/RqIH28rtt47PTb3f7H"
    "grOZL3YLvIMJHnb6o1vA/07woHOv9O+7vc4tCA7jSsppmG9PJUlpo8wuHxY5Xq9/fSZdPq"
    "7oJXDdzIqliEuuu9LcmOCrkWURK9nWI9aaG1juQGqn79sZ8Z2df40izel/kV49tP71c6RJ"
    "e0r/o1889AW77yl3cinpRxxeNjcRirdxSEwuLVS5fSX/LfnvqpC0Ofjv0xC09xbSdHoHDd"
    "FAKQRttEBzE0E7E0XVaajsVoL2tzmkAHrOfmAObcAX6H2nPpPVBKBhkCWvkdOoBCPgEcHA"
    "RJZOtCQnW0KdEzzBoznilCzQXX9DTvhNoY3As8NQv2U3mDFb8xnx6+yYYPbu7KWgAcaP/P"
    "vH7/eV3/grE2cPtHBs9jA6nTBFnEFirMR92Q2awCaCP15XuZwTdqMBg9MGBpm9APTd1Lnv"
    "4wxiTCgg35BlmwhrWXxx2J3RfSWVjUHLY4dDTLIki09KFkfapqAiEpeV6mal1RGvudig3b"
    "GhPUnZzJVuZv7FL0B5+cUl3RWnu9ypsAiWIQkJZxzO6cpFIwHnL0Oln45nSCT+0dFnFPwJ"
    "DN0+GK6h2X3q6AbVsX3Bb3uKCZ5DtJllihNKsQ8LryDOMnEVjj9i/v4dkpD9O96/pbUvrX"
    "1p7eey9j9aUDx6hq3vXm7msPSfg5Jb7Xy3apvZvIASk9vG3KaO2eKvIDAdi03j3Fw32Rs3"
    "mUlsWmRBeDXsByus/Y/Z0QuE6c9Jw/9QNykWPmihBesb/JGkK9ZprWu4IE7aFyt7AToQkE"
    "4XKXPsumfnhzQiI1FNQdVk1r2l0xRX50xQwyJSFYwD6pKl9g5re1FJubxXZaLFJmwWz3AK"
    "zeEBFkhX2Xmx8Tjmduawcwv8owl+HCgPyqir9Fs9dnr9Y4Jb7V/Gw9GDcA9bH0/wQOn1lM"
    "+dwS3wj+Kq02lcxCwE7TQLONvjdC1RB8eWKL43uVx6bza49N4kXXptEYmgzuZo9kIcqtrI"
    "5hxCqp28IRx9Yy2lNEWFgtOvbm7yZFq4ucnOtMCvxegeoms7+RRFBOWUVOUpSTqOZY8w9o"
    "Kago2V1wPPpNm9wSL9jCTzWAVYz515HLHmGIhhlME9+gWaOdhHf21qO/moYARcIcCFLkCX"
    "2uCrCLD5Cvhz8DBM7oJjrZZzZCHwah2RaTeBcKZm/0WUHpiuRCUp9OPhbrOdgMxkGjPCjr"
    "J1vay4I5l0yI/pkunK8ijRh0hXFn6yBMzZIRExsSPGfJ2ALz9ISIRk0stm0p8crImXTWB6"
    "R4iBIM4iQMKCMWynTPJQ4AZnjtub7xSlF+nNd914dx0/3HUGry5F12aFdFffSWLuBtkXjn"
    "GOSNWPdSo/0FkkxFB3i9tPk60f5gcJ3pfkQzb69SUfHFPbsdWjkrLVq9LqKUyjePoEP3JK"
    "Q37MZ8VGphnvXm7mMOKdoGQuK57H43huPa6Z7FrQt2DJQ2yW0PYiaLQmT8O0nJNFEzwRix"
    "3pszkg0/+hWUqy8VJr3hKNo2toYRL2e7YSidbjATkyEXklXYnSfaezFZkMx+k6WPbla4zS"
    "uizXunyyyEINPB4L4JoUlN5FcXB/d9jXuZi7VljkeIBexgG9rA6I7nxZcM0sIrTHFFYx23"
    "CfCSuBqAlpoY0GYmL1s7VvLq/yeNVcXmV71fBrUbDjSlwBwFNE6wf6QTxoLMTe1C6+l0Zc"
    "rn5wl6+R2RyzVN3hTn/OnOfCUnVSzP5+dfXmzbur12/evr+5fvfu5v3rYP5LXto0Ed51P/"
    "K5MNIMKZGvksn7EbzFpN9Q6UqQYyOrcOrlQESqlNIL6xS7HTjeBgV7wppzn4NqdtWtmIbG"
    "aQRRdn/QH/d6p3Jse0CLKbLsuW42Uujw0NXmJjZ8ES23jQvPRncL+yy6mswBVSlq2SJpXi"
    "D5wph82SrTzA3ltz6PPRL/eJDSQ7fP45PYvwl+6HDvjVvg/o+vzJwmLEnq39nQn+eaqnTj"
    "/7HU8frAKfXxuuvj5wpqlkJ+4kCTRwPiRoomLs5v1MFNv0Sp2rfUtauka582QKNCsTAHcU"
    "E9YXhGNVmNo8VneAH6pqXPkLogmM6NQquSWfJ1aIsjLE1G4FshaO2B/lpcgp8LfGmuZ6Nf"
    "L3O9gAt0yBmOtbHD75voHHee5IdfB8iAGdNPSH384NZ0hv0gS6ePfsScaVD5nmi5FuUwVG"
    "GdQDu0+eL3swwrJtQNNxsz6lOoZMlLCr6xJJ5PLihII6cqo/bQnlFUp1nLNRkUsS9QQ3gP"
    "EuSfHWqxfT3sHMIuGl1mwY3bnfYt8I8mmJdfnw//muAHpT/61Pv3LfAOJnikjHjyP/Fvgs"
    "f9XvehO+KCwWE1VtKOu+dx1UyfsvPEEltPp1ay88SGRGQkRyIJAzEMvpOWykZBAVDjYrKv"
    "pvRVrn4W0/ZCInLlb/PKn69877lA5S+JnCekWxeoQh2qUgtUFuEhN40068671Nxo2YUKHX"
    "KlSgYiS+OuakO/3inGKqYTHHsNS/L4OzVFhXj7XGEvMmNN9uftPJdrUpo9sbjgD9HpqqBZ"
    "kBCUUTpy47sDQCodLY/vaLke2yWAW+/wp8RnsHAQVKg/Q/tl3wVeVkWN+vFBl3SHwrunw3"
    "NaNlKM/vDl5ibD3/MSQkHJrRnTWnxfwxmy+U6H7m3AEk3nhLwAUcstWFo6ZYMWLHU6B3zr"
    "RPT0hGa0CWwCEJyxczZgT2TorAbChl8yd9qB7lGyJ+2mfBzlWccV8u8s0dNKJkU7lT9tML"
    "J2MJbistJcqoq5VIJ32yGnKzG1p8xT/pSfPUFRv8QpaOkm+BKmxiVjXRnGWnrMSM76yAr+"
    "EeMuIHVSbKmcm5AG0kfckmSktJWCHxAhw92N2soEt5Vu/+MtEP/4r36H/3BnwaKj4X2Osf"
    "A+cyS8l5EAcgVBriDUQCWWKwinXEHw1Oai/loRKbmGIJdl5LJMRejs5n7LMiEzel8Pw3VN"
    "NYU2+hWUS16VWvI6KE3mfjTSiLLgc7KBKluXkdlGast82YbzXIT48svXbjWq/DA86QZ7WE"
    "rRW2yeOTYli4wsblsTWsSkSyEYK9SrD5LNwt37crf8+0nZ2gR9yRT8lfn4nCfFVGpOEWjq"
    "fPOWPZ2oWqb+q7sDzJl1gVzpRIhDpyQlrrIIQne6YbAHUYKq6gjUFBrczNuzM7kbb965dd"
    "UVqmcL8uIlAPXRqhflE10g4RuYlgJTsJFrHWFaJ93fE6tolv86QuXRXPsm0aodHRil/KVf"
    "9SZ4PLdgFWHNJPre3/Hf3Oo6Xm21R43bdiVB5nuQ1wWvQjxvesK7bGAVjEaE/TlQ1rszIe"
    "f/2okej2CRSZXHEdtGm6vxhpMceo059LPzsCs+Ohut+1H3c+cWuP8neDTotnrCzc4/muDH"
    "1nCktseslH/EM389troi7Rf/P8Hd/r3y8NjrjDoit5h3PMH3rf59p8cThPlHjVxNevCddh"
    "zL4pSliSydaCprLas44ZZRRw2ptzOh2nI58cWajSmFeza8V4Ns9ko3u7cyFJ7Bd1tbSqlB"
    "ri/lT1XvLhXtvsyxoZoSRmA1leJaDEDpPJ09+s5zZSuP87TMx1hj596TTlkHce2VCS5z+Z"
    "5mJLgcsK/FoHs/KuYaud2x2mfCDu5WXYUOXYZTdXnepsLTN4VA8z2AsykzdkX1NzSUPFl9"
    "eTK0gLpRxI4KBGrnbfrmKo9DJCuVaTeJa9EpX7dV9r2lT8RaML1roaetGBBiIIgz+nWafA"
    "z6KavgUPNVcOa4PfpOUXoRHfmuGw+rHvOdv19disZghXT3Iyp98upvuUifvMOrLSd2DKom"
    "kyP9gs7UL+gcu9Px3ILOBZ1DxuV5Pi5tZOjfkLVqpBhN8SLNTfaT73+jhUtvzbzIrGQ3/S"
    "EgS6QBSgDhZzxfJQbDHAGb/UTWTzZwPaWBRZbJ9Ir7VJS6cV+QPtKvI7F735fQqjlG3ylT"
    "myhamDRIs+VLeravTLVVGSPw/JwlGo+dfrvb/1gQZ1/sFngHE9zu9LqfOwPu5BAcTvCHVl"
    "f4Pbj/48PrNF4P3nhKaafMyK6wSG1iukrbbcqANlXd3ssw04rsOJcmKjf0SkIcnwgSCG+2"
    "wFPE5TJxddYLk8vEYlwgyyJWsqmzMwpGpWRCweIJBT01cyeaKy4rR1iVR5ikM3+IZo4ZS3"
    "ktoJiY9MBITZNQENOQjAR0swdGQBPs6YJR05CjZswZINy1ticBQ6GYtZLwrV8UXALi6Bex"
    "Slu6xhshm3MMt9N2zjHcT/Ls9jIe9AB5Epyg653yk81+QAosNENMNbTd7VdEJGHaTi6F5C"
    "d4gtu8BZi4ICVtxC5+dRuFKydfb0VxTyvVmTTrzCvAlyr5iwIdg7luU2KtmgBijV0lZs69"
    "X75EvW/W95QM5IkZSMcq5ITiFa9ycNauzvuvr/NkN+fFNuTluk7kOJe5/k+W6x8xwytlzt"
    "4QqhJI1LCDX17l6d+sVDYzfiUz+P+YRnFowi7YzFFJyXBVuZWrFSVR3YaVKdD3hrV0b/0M"
    "wNfGTBL0HTKxhF1QagL8MZx7MvdSjbNNOUzs/LupDsmC2aPc2hU28ZxVzppM+ORAz15uBp"
    "udMuNWuOaw52OwQGxD17CDrg09g46dsplq+bfgVnqX/dI1vs0qL/9V1776Br3FbHLEXjWo"
    "h4kj3iFZAWqtDrETqzS5S99fj0OVapVsd/nxZatsnzTGw9bHjjr6NOgMPym9tjrotO4/ca"
    "ce4c58QecMqzkxtAuLbyeMtAlOSgyV3ud0EZsY37hMazxS1JHyqI4f1eH4/r7TaXOBmXB3"
    "ti+EpkOJqTrmhe3MZghpcSnf1yhN5AnqBtLiAz6PnVV+7nTek5Id5peh0s/Qub3ycW1bn1"
    "HwJzB0+4wVhzRQORKb2YM4URAbtLyCOHsgLdtdmkLaPNLmkTaPtHmqDfxBbZ4Wg342b6RY"
    "O96VjXYOXJepTPB3pjNu6gcwZVXb6+z7qf6Vd77N1vi54Za6/pO9FBESqbKuv+ti2yEyZf"
    "FBVQBhr3gN0b3MtcHQ5YYNhi6TGwyxO9JUF6NsOyQkIk2RgqZIgZDq8iezv/4PByHpsA=="
)
