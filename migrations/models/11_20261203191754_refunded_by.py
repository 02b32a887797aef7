from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
# Written by hand: SQLite cannot ADD CONSTRAINT; the foreign key comes with its column.
"""
ALTER TABLE "credit_usage" ADD "refunded_by_id" CHAR(36) REFERENCES "app_user" ("id") ON DELETE SET NULL;
""",
"""
ALTER TABLE "credit_usage" DROP COLUMN "refunded_by_id";
""",
    ),
    "postgres": (
"""
ALTER TABLE "credit_usage" ADD "refunded_by_id" UUID;
        ALTER TABLE "credit_usage" ADD CONSTRAINT "fk_credit_u_app_user_364cad59" FOREIGN KEY ("refunded_by_id") REFERENCES "app_user" ("id") ON DELETE SET NULL;
""",
"""
ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "fk_credit_u_app_user_364cad59";
        ALTER TABLE "credit_usage" DROP COLUMN "refunded_by_id";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtz4ri2/Ssqvky6ikl10s/D3LpVJKG7mSGQSqBn7hmmHIOV4BNjeSw7dGpO//cryW"
    "9bMjYYMG59CcTWls2SLO+99kP/tJZIgwY+7Vr6b/Cl1QH/tEx1CcmX1Jk2aKmWFR2nBxx1"
    "ZrCmqqUrT36jGXZsde6Qww+qgSE5pEE8t3XL0ZFJG3eBA03VdH7CoHvTB0SuDbCDbKgBFQ"
    "NnAcHdl+7P5+/eA/QAdAcDDOc2dNrAhM/QZg28I6f0ehqakwvq5mP1Xbum/rcLFQc9QnLG"
    "Jhf48y9yWDc1+A1i+u+fLe96tDURUx2oKarT+os2s56UBx0aWgJTXaNN2XHFebHYscmkf/"
    "WJtaQ/Z6bMkeEuzai19eIskBk2d11dO6Uy9NwjNKFNLxuD23QNwx+Y4JD3S8gBx3Zh+BO0"
    "6IAGH1TXoIPW+p8H15zTsQLsSvTP2//1by3WTFGGo7Fy1xsrSiszxvQWUmPjH5ojk84P3X"
    "QogP989/qNAGFHW/QCl1+6tydv3r9iECDsPNrsJIOr9Z0Jqo7qibLBiFBmnxmcLxeqzcc5"
    "aJ9CmtzoJhgHByKQowchgC8AaAeQtpbqN8WA5qOzIP+ev36dg/HX7i2DmbRiOCPy5HpP9N"
    "A/de6do3hH+Fo2fNC/lUE4kmggxmfvC0B89l6IMD2VBNhbhJSFihdlUE6JVQP1+iVjb0C/"
    "f1sA6PdvhUDTU0mgY4t2BucrcsbRl5CPdVIyBbXmi54GX45wjudAPe5f9+7G3esb2v0S47"
    "8Nhld33KNnztnRl9TRk/T8DzsBv/fHXwD9F/x7NOyl1/uw3fjfLXpPqusgxUQrRdXimASH"
    "g0OJYTZU7Cgu3mig07IVDLX/BMmRrn6kbfiMnjYa56SkHOU6j3Kw+M5elHIadUawSuW6vg"
    "O8VpeOoPUMmpKwJoQkpARSagE+PHGtk8hkTML7idip+qNJjG0Gcp/ciWrOeYaJb5mPw46O"
    "E9boaLRa2uoqNJuT04r8fvKroePpwN27y+5VryVYFSoAd4LhMVomRaHNLIR8eOk0nqnzp5"
    "Vqa0piPtMz6ByljoRts6eW58v0EdVUHxlE9LfQOw8oJ7L2j5E1sVo8Pio82c6lpOj7w0GW"
    "4lrFaKnxAkbsEZUGRPpn1wIYOg6BHIMTZEJgoxWwKFfEmrYBIrOINnmVZaMq6XE9CSXJpo"
    "OSTWTUyO/nQH2BkAFVk492TCoF+YyIHe/CwwP3YjQaJDTLi/44ZaJPri96tydnDH/SSPeW"
    "of5wnNJOZtAgmiJZvDTdwVnI+6bDhzsjlwJdP8r3KLlf8vHz+dnbD28/vnn/9iNpwm40PP"
    "IhZ1iy6Fq2Podc1S+P2YtkGsjtnb97V4Q/ffdOzJ/Sc0mc6RXIiq8skelwCD7hLM7IyVnM"
    "m8XqhkxPQlASAHUmAFxL25C3TUpK3rbWw1wvMuKgnpAKqYgyRt162mJkwjEif3ZOWtQB/i"
    "ooix3YyV3HgUvLaeWZy0GbdkGrmayQkcBa65lMAIAeHn7GEGNqzlnqyxKaDnhANlCBp3iT"
    "g/OnX4DqgCWZpYDavje94VV/+Dlm/2bN6Gq7Lh7U4Q9iqGyRme24uEVa/xl8pzMWfnMCqG"
    "Tsx35WtHaOOW5BUyNXVTZ6dXCFtxiDtAZYhyVsS/+AwGYRG4giY6UJ1mGeYRLYhh+EluGH"
    "TNhHuKpkwe2Z7jLzik1Gf4TSdUa65a/LnWCBnpp3k8vLXu+qd9UB4dep+anbH9BD3mf6rX"
    "CYuBxJkOyHIClP8ElqL58UUZfI5WnvQkAjgY3wrBn3UTWcc9e2oTnnOBrFC0FcZqOFoG6Y"
    "JtaBjwVWgY/CNeBjZqX1lHyFXAwK1LicJZcnXAnkNQqG3MnC+2iXV5rjMhXqyvWl0Upoyw"
    "+qbrg2Jxh9TMxGPpwxkSasEnl0ZO+PcYKJDKbmyXX3j1cJNnIwGn4Omsem8uVgdJFemQ1V"
    "X5bSHEKB/SkOr4/kNZcmNzKo5nPtHHFJuNeacJfx8D/EMD/opo4XG41zSlS6Ses8zvXyn9"
    "V3YGUw79awVu4Z21u06YVuGOQHjlxnhr61OC60ZIN2nv9s5jVVUNS2QD70kgBhA/hMvVpo"
    "BTXgIHBHULdI65WtEwXKBLrppSeTWyPwqiZWPUeNilkiswG1R9KHjVa8rOjqL1DEjSadZH"
    "V1krmYPAolXwtxGRlVkdSa6dJucIzOnESkSERyJkk02TKllM3hT0o10NFyViiT/ywnk/8s"
    "m8lPfipHeRGjHLRvIL7VJ5c/q4bLmcNCJipsLz1YHC7q+Jzjgau7pG7A85D3huMOoH+n5m"
    "3vcjS87A96HRB+Tat8h/GO+wpeGfI1LiLpV0m//uB8Das1AW0b2WU8Rkkp6TTawGkkae8f"
    "4fHC1EQoP8YxMUl313l8Jd0t6W5Jd6+huy9ZpOSFarAB4tDdyQbtPLrbi7pUZrG2a+nu3x"
    "eqA1Q/JQMsVAxo1mVQkNMiPQHVMNCK9khJaZrL4dPqNJdDR1qW4a6gz6k5NWnBBlqNQfdq"
    "hVL6dKZiCB5dgnqHJpsQW/MR0vPkOzLJbyc/SjXA5Iauf/R69/TC90ScpqK4mNyM7kyJIk"
    "4gMV6AX+6hDTBibHzU5WqByIVuCZwYGGj+BOA3S6d1S+eqaSIHoGdoY5qeIGLf46VIvZ+k"
    "kGfQ9rl2WS6iLtR7YmxKKiJpWalu1lod8YeLPLQbDrQvKYe51sNMV/wSlFfQXNJdmaB69i"
    "osg2VMQsKZqZXz4qGRgfPXu9GQj2dMJL3o6HMH/BcYOt4ZrrG3+8zVDUc38Sm97CFe8BSi"
    "fJYpTSilFhbaQZploiocvcXi8zsmIed3en5La19a+9LaL2TtX5GbbQlNfXa2XcDO14KGxY"
    "x8au2y5CBgqTqzxukR753NTGDHM9ttSBZ+DTzqz5DGmgH6ywU2/lZdBiZ+SAX8hEk3tkPt"
    "+XsPigkNcjp9sNFSCVvdn4Lf/Ri5le4sGDUQXDEWNDelT4EDWWkKZMdD6MQmO4upYo8F/U"
    "3SVK+Xqb7vnNm6LX5Vv7APmFxYN2iriZSrUxjn0QKao/+Ey/OW6k/s3XK80K7VgeIza32x"
    "bu+NVxW2n+1m65fxZbB+6qWHvlC/DAdnrYIZTor1GqbXNSb6H62qTTVBqoilXD0nKrBcmy"
    "hr1BtES4S1iW5oEe0O0W7IP6Sx9h8XO1Rr41Tw3tVFyu0sZ8MlmRr0lmTehNQIm6QRRjO7"
    "OKQJGYkqv4w3IgYrpziNENS4iGQa04B6vni8QehYUlJGj9XZj4cReYsLco4KJBiE0nXOjW"
    "ndTKgb467XAcG3qXlzO7oejfujYXdADkf/TM3u1a+Tu/E1yz6Ivk/N29FgMPrau+2A4Fta"
    "dTpMBoINVcxzsIgTmiKJJsRNJ/F9Vyhj7F1Oxti7bMYYZmnDynwB50/IdRS/Km/JCl35vc"
    "hSXQVKdT0jXdsoZD0hKF9JdX4lybwE8RNGfqA2Mo0XfwYeybD7D4sMY5eO7TrAulvHdgQ4"
    "9Rxz8kIvfLFPv91CQ3X4oS5cX3VD4P6+e3L2FmJoP6v+HQso2nijdgGi1k61L1DkZoEMjR"
    "Kp9x4ndu/v3IADVjXcKdFCyOiAOW0ENVp+hsa9O2D2QkPm7ReAKGXqe+AzjO2OrjM1Vwvd"
    "gOBLb3AFVFMDNCbfD9H/hfSxXOpsS0caa+BJYHDi70bxCqxoUAI5Q28NFwngJwra0kIOrR"
    "asPMGXTGBAvG2U2R4jG/6im1REbWLagKSQD0sh80MyxZaSIB6zVqzChmZR9RU3/nbJhC/H"
    "fMZFJJtcg8rxTcfz+OqYbEAz0vdkh70tp+bl6Pq6Px7TvTzCr7SMyaDXvaMHg29Ts/fHTf"
    "+WHvK/1INUrBH7X7dn40iM7kJcC5r9B84dxVLLbW+UEmsgi3x2XoRFPjsXs8j0XPKZSiu4"
    "JQDniDYP9J0wxjYkvxQ7ykLFpaZ4Wq55cFeviUrm9od4aUiqtklBzTVbo6rCE9ql4QxFJJ"
    "rSkbAvR0J61lYA68Tv5iinaoGI+/A5TSBKrg+Gk8EgDekhshmOFlpBMkOE7SEj7sdkSG5R"
    "Tk5n0KBdwJkTUMzFdvn2N9ymQqeg72Bwz+oW3wN6HyzZkrlPVgtoQ3ASbRuA24DVqCSfDF"
    "zqaKGdcMLud3eZ9YH3QveIoJqz2GwSlXPekKmrUTxTVeaS2EtStvp7g+u+nxeK4jvPieI7"
    "z0bxxe8sA7O40mxKbI+ltA/g5NtJpVnpTanWm+Il+rMfm8H0AiEDqqaI1IoLprCdEcldgR"
    "se2e9svhiNBonZfNFPT9fJ9UXv9uSMTW3SSPcUnizmnm5UeuuIhJTkENdziGzXJmWz7VB4"
    "ss3DfCd7okjqVox+c4NuXUvbcNSTknLU6zLqHAI/DLnMmOuHMuQ9GkVoxocsy1ojPmR3il"
    "nxtMyxHxDpmcmeBd3xYhVXKvbDGLU23StwtUDLNnhANvmmzxfAc3rzDffKei4bI5kMecTU"
    "aUl5rLzYyXhcZFLcd+vrmgyYlAGTdVF3qlcxpTlarTmarBxXAtesoEzDT4N7NNG9Z2lAz+"
    "oDYvRiK/HuSghJlzAXURk4uI/AwSedV02/WOx0ILtH2pr+js+9rMIVO54qa8VOdID3ScOk"
    "P02GLEiafqYV7iLD8LHAIHwUDsFHWWJh7yUWZHCsDI6tEdzVWx2hbZ7B+UJ/FOpycakmGR"
    "//Oj9/8+bD+es37z++e/vhw7uPr0MdL3sqT9m76H+m+l5iGDi7bEh6+0eITPb8m2S0Zi8l"
    "lf2spNT45c4TO4ZURilXiaZNY+MwxKWf/IRYhageNHhNRn7LyO/jevwrjvyOvdElsmuQzW"
    "o/pcO/ZdmjtWWPkrMzrCVUCVapWkbNmKacQlHZ130WvZEJx4j82UtqRx1e8gWe74SOU6Ck"
    "mRh1ulKIZ2yAfdF527CMmu8l42Gu4XJGRmahWy1OOEzsbDsvGmaZbLcuFkb8K9dEnzAtRe"
    "7XVatIERvxosCL+YYC2TpHjbRGvw9pzW32QYtzX/eHtC43+Zia1z0avd0B3ucmjqLqK+dI"
    "qlEM/XHGVBaJpPUDEg19yUsQEO/lnBLbiOKv2btRbnlbS1qnFsRjc+CULFnTWbJjBVVEkx"
    "1417wbQ+XWYmbH23nmjRW0qNSwkWZMncyYw+a+16jMwE6y+w6Y+V4z5XTfqe/Y2/PHsvU5"
    "VJbIdBZGqdg2kXwTxmIPAW4J+F6gam+BfiQuwS8EvmRCxOg3iwkpkV0aSxsiY+zaPAdOGf"
    "cXVR8/eT0d4Two5CvE7izsfEu0PIvyLtZhk0DbtfkSzDOBFRObhvnGjPIQa1mxtyYwltj9"
    "SV+NNHLq8tTuOr7e0R2RJ0xAEQcCDYR3J/XTxEnp612Nx5Cg3uoTC25yRffiCL5NTdo+Oh"
    "7/b2pej4bjL4P/6wD/y9Qcj8Z0P2H2MTUnw0H/us82AQm/1sNJKajrKPRTico6SgdVh70F"
    "dD61It56PiYic94z9e2QYaBnaCvkKSgBalpMzlXOXKXqZzltLyYiPX/5nr9A+d7SQRW4RI"
    "4T0rUOqtiEqpWDyka0OEGLZ935p9q5ll2s0S49VXKPS2nc1e3Rb3b15prpBPv2YUkef6Oh"
    "qBFvH2Aii4H+UO4azrBnnAvBI1o6Yz4jKPORZdzqDiCVgZb7D7SMnu0KwG126mxmGdwic9"
    "ZR8dO2Dl7SRYPm8U5duncsuqdHtwtocYz++Ol2nuHvRwnBsOXaYtRdYNloDjGGGvAuA1Zw"
    "tkDoCbBeOmBl6w55aMFKdxZAdzCADw9w7rQBRgCqc3IMA3JHhk56QOTxy5al3tE1Ko6kza"
    "vqVp11XKP4zgojrWT56EPF04ZP1gbGUlpWmkt1MZcqiG7b5euKvdo576nglS9+QTlBi0PQ"
    "0nSLgRg1Lhnr2jDWMmJGctZ7VvD3mHehOi7HlioWrRRJ77Fs9nh0NSq5gDAZGm50NZqaV6"
    "P+8HMHsA/637BH//Heggeuny09CBs9GDXSjaQH4YdUiaUH4ZAeBF9tLhuvlZCSPgTplpFu"
    "mZrQ2e3t3DIxM3rbCMOop4ZCm1wFpcurVi6vndJk3qLBI8rC5SSHKovayGojjWW+sOE+li"
    "G+gvaN80ZVn4Ynw2B3Syn6zua5ix20FFRxW1vQIiVdCcFYo1m9k2oWzGmubLaLU1a2MUlf"
    "ciOn2iw+x0kxFamuyvZUV1QD2o7iLEi/C0Tf6ZkZ8OvdaCggGIU9pGeCPnfAf4Gh4yPMFs"
    "wZcgpNvpcl7VBJDSPt4IJn+BeJbFMtnW7NuGVwW9fSf/P2dzyyR7NQmRf2BDjIUlyLLFIO"
    "XFrOtniRHsfImlhdr7umIodcZ4Y4mcJlsLrQDYPcyCjsqolAzVSDEheV7Dhy4fXVVKgebd"
    "Xc9vnzgPpsN4vETKbqH3Qfm6OEjKkilYBVdPOUo4Qp2tRkS6ySu6g0ESqf6962kl7jfAJJ"
    "v59Mrli7KnkG0pYosVWpSztqKlZ+HoUCTc1C+tZqwu9edz2/t8ajRsmwiiALUm6aglcpxx"
    "jXdBTjWnxrttBuPFoGpHhB1Srw2qiq6rEAt5H7NYGF0BWbRmydW1ZJD5z00TbYR3t0Edzl"
    "n85W93Lc/9rrAO9zao5v+90BC+MOvk3Nm+7dWLmakFbBN1pZ8qbbZ2Ul6efU7A8vR9c3g9"
    "64x2pX+t+n5mV3eNkb0AKUwbdWoSHd+SZ5rm1Tl5gFbR1pChktu7xDR9BHA107R+LKKRQk"
    "nho2yNtNttTA+z3IYa/1sPuRB/E3+GaxC5weZPxC8a1QvFCEzd3oOd1U8ATWUyluxAMok3"
    "PET99xRk5whj1LDct6v81NHjnoK2snqSOygHKh3AZBAeVbslrc9i/H5ULv1yfuBEzYztN2"
    "6jChq0jaqS6bIeZM4dBoSVeLmD6LOXcK0WatLgiD5MAJsbPmRNsD6IEchWBFhgetfsKA7V"
    "r+ih3zMCHH2JWATctHQQ3oZkwizTzs5CJT01moDmBkAAbk232cHrg/BRM21wA5Ck68Dtsg"
    "3qQd3dSrDkAmBAw22ob2HdwvlffEfqEY0tAhQEccuGTu2uTeMDKeIQY66XBuI4xpA/WRTC"
    "v/vukp74CorFa8oEqa4whvJLPF05/J+ZmuxJI4SUkyyDseBCrLCi2H5UCjYc6ALYw1T8js"
    "L8x8l+p5xXtgeNM+g2hxYrn2CStEE+hefqG0r/9lahLdYDT46h3yvm3CBFdcF8TFsMzUDp"
    "rLWc2Z1exFWQLMsL3cJoezTc4Wfgnpj6gxQcLxR8iMoh9hmH2NfJNxTolKmrvO47xZguZh"
    "UjN3/0Lcc3ZmvejR+j5VsrbO1rBWTtPtrUAJKw7DJfO8ojFiGo+cUdyglQx9ayztA5eqbv"
    "AJCkF9gUCgcQVK3pwXqaFBWglJB3Yu+ZrSsWIZqvOA7CVRLZY6LwgYIQOqpmBe8+RT0M9I"
    "B7taXcMj+53RF6PRIKEGXvTTlXgn1xe925MzNhikke4IFAVpdInn/3EGI1RQPF+WCziezN"
    "t6WrB1S7w9RpRk3m1hqPadd3uM02l/abfHgs4ubUs/L/IKGvoztF9aHDMz3aSdZ3EGOZta"
    "vPXa6JGRCb09xgBaQQ04iMVRBNmyHRaugSENlPgJA694C7DRKruH2TYdcSMqwj3agj448R"
    "NR6pAJvzlBKZ4wgiKQ5ARYSLNZZoyV2/Pjpje86g8/l8Q5EOsA/8vUvOoN+l97t9S/H36d"
    "mp+6fZb85X2mH6/DpH6JS1sJ2fm4SGMKJ1bn+Fexo3izl2CmcTwf4hgAjqgMB8hCnH4RZB"
    "DO5yw44tKJWGcnInsuoG0jOzvU4m27klJy167yu3b5auZGxGBaVj5hdX7CJAH8Qwxzylgq"
    "agGlxGRQALcWeUlMYzIS0Pwoi5Am2DLIoqFlqtqpUIv41Fq/0w6M1TmrCN/mVU7LQJxcEe"
    "sUz5IeBDHnGB+n9ZxjfJ4UyVib3A6C7LEwU4wlg9lwDnUvGQt7dCLOUo0l5afm1LyiI0Dz"
    "uigpiSE5ee8NClVO7jusua+V6kSaTOYXmvyl0R9Ks9YWOnaQ/dIGqqmRs8gS8Zb5KV7RNS"
    "UDeWAG0rVLhe34zeucSbRh2M7567dFUoVos5zNb95mEobkhtqHMs0xJIYX552dU68nlGjg"
    "BD87LzK/SSsxM34ut8n+MY3i2Au75DAnJSXDVedRlrkQMheiLtbjVrkQGXpe3zaIjhOC0h"
    "Dg9xHc47FJOVZ2wDYVMLHDpmvt6zu0JPYotXaZTbwgnZMhYzE5KggKqaxs3SHfg5IsmNwf"
    "gUU1seoZdqpnQ89VF8OsCV79JaiV3if/6RrQMWt/r2v3gUFvE5scwnbUDxGHdEKSBo79Ut"
    "Aalyb3YUukUKi4Vsn6kJ9Ats72SWty1/3cU8Zfbnt3X0aDKyUs7cHCmU/Dci+nfj2kqZmV"
    "CEp/ZEW8zOap2Z2MR8p4dKNMbpS7yeVlr3dFBeYs3BmfxjYYOMXufA6hlpYKYo14Ig+qbn"
    "ilOw6/QTGdSdkJI945Mmi/1T6RNX1/8UCtbKNIadlKm0faPNLmkTaPtHk2tnm6BPr5osWx"
    "dvwzuXaOGrWpTbq8MBiXuwByvNr+ZN9O9a998K1Y46eGG9f/I3ZFxETqrOtv6mzbxXYB9K"
    "EqgbDfvIHonr0uUoGAtBJ7el5nKhCQKzrcECOxHRITkabI7vasr/5l9v3/AWfOT/c="
)
