from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
"""
ALTER TABLE "membership" ADD "credit_limit" INT;
""",
"""
ALTER TABLE "membership" DROP COLUMN "credit_limit";
""",
    ),
    "postgres": (
"""
ALTER TABLE "membership" ADD "credit_limit" INT;
""",
"""
ALTER TABLE "membership" DROP COLUMN "credit_limit";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtz4rYa/isavnQ7w8lsssnuHubMmSGBzdISyATY7WnpOAYrwY2xXFsOy7T970eSL/"
    "gigQ0GjFdfgmPrle1HsvReHr36qzZHGjScs6al/wyXtQb4q2aqc0gOElfqoKZa1uo8PYHV"
    "icGKqpauvPiFJg621Skmp59Uw4HklAadqa1bWEcmLdwEGJqqiX9wQPO+A4hcHTgY2VADqg"
    "PwDILB5+a/Lq7eA/QEdOwAB05tiOvAhK/QZgW8M2f0fhqakhvq5nPxVbum/qcLFYyeIbli"
    "kxv89js5rZsa/AYd+u9vNe9+tDQRUzHUFBXXfqfFrBflSYeGFsNU12hRdl7BS4udG406rU"
    "+sJH2diTJFhjs3V6WtJZ4hMyzuurp2RmXotWdoQpveNgK36RqG3zDBKe9NyAlsuzB8BW11"
    "QoNPqmvQRqv958k1p7StALsT/XP5X//RIsUUpdcfKoP2UFFqqTamj5BoG//UFJm0f+gmpg"
    "D+9Y9X7woQdrZGb3Dzufnw5t37HxkEyMHPNrvI4Kr9wwRVrHqirDFWKLPfFM43M9Xm4xyU"
    "TyBNHnQbjIMTK5BXH0IAXwDQHiCtzdVvigHNZzwj/168fbsG4y/NBwYzKcVwRuTL9b7onn"
    "/pwrtG8V7ha9nwSf+WB+GVRAUxPn+fAeLz90KE6aU4wN4gpMxUZ5YH5YRYMVBvHjIOBvT7"
    "ywxAv78UAk0vxYGODNopnFvkCtbnkI91XDIBteaLngUHJ9jH10A97Ny1B8Pm3T2tfu44fx"
    "oMr+awTa9csLPLxNk3yf4fVgK+doafAf0X/NrvtZPjfVhu+GuNPpPqYqSYaKGoWhST4HRw"
    "KtbMhupgxXW2auikbAFN7X9BsqWLb2kbvqKXrdo5LilbucytHAy+k6WST6NOCRapXJe3gT"
    "fq0itoPYMmJ6wxIQkpgZRagE8vXOtkZTLG4f1E7FT92STGNgO5Q55ENac8w8S3zIdhRacJ"
    "6+rsarS01UVoNse7FXl/8tYQezpwc3DTbLVrglGhAHBHDjxFyyQrtKmBkA8v7cYTdfqyUG"
    "1NifVnegVdoMSZsGz60vxinjyjmuozg4i+C31yH/tr3TDIS/ZdPEHfahyfVLxAfZ1rauIV"
    "VdCqbAYP1ZwAYQP4Ck0M0AJqACMwIMhbpPTC1jHpmUA3PYcReTQCsWo6quc2UR3mWjKg9k"
    "zqsNGC56cq/gZZvFWk02OX4WPCb5ioOhjOLSxdVoeaZsUuK9chn0LOWTcqc1jESznlxqYC"
    "Orh7I0Fm1XAlsgOYp6P050CTDVNKXq9qXKqKfr9MvtXzNb7V87RvlbwqRzcUoxyUryC+xb"
    "v7XlXD5fThjon54IblE+jqJ6l2k+clP/+6OL/8cPnx3fvLj6QIe9DwzIc1gHd6w6SXOtQm"
    "0p21bbrzlKYdd1aH0ofrurX7dq/V6d3m1A0CsQbwD8bmoN0bNgD9OzYf2jf93k2n226A8D"
    "Cp8h0njuAreJw2Enb5qMjhev3bE+nySbU5het6HyNHXEYOSu1pZN5/aNvITrf1kLTmmphB"
    "KLXV+HY6iuSw/csw1pzBiPTmrvnLj7Em7fZ7t0HxyAh20+1fy8Dc9/h5OdREyN/GETEZqC"
    "lz+8pogowmlMXlnSGacBx3940NNR1fqwZrII67O16gvs7dPWVFlUmk7EZ399eZioHqUyfB"
    "THUApTsEFEmL1ARUw0ALWiN1SiMTAt+tDixo60hLe7gLqHNsjs3hDFIHN9A99iZ1n05UB4"
    "Jnl6DeIDeYElvzGdLr5BiZ5N3JS6kGGN3T8Y/e75He+JGIkweauw55GB2PiSJOIDGW7L7k"
    "BnXgIOaNX1W5mCFyowcCpwMMNH0B8JulUybpVDVNhAF6hbZjQVMTed+j5FDvlRTyDdq+rz"
    "3il5eu96O63mNtk1MRScpKdbPU6ojfXOSj3bKhfUnZzKVuZjri53B5BcWluyvp7vKmwjxY"
    "RiQknEk4J0sPjRScPw36PT6eEZHkoKNPMfgbGLqzN1wjs/vE1Q2sm84Zve0xJngK0XovU9"
    "KhlBhYaAVJLxNV4egjZu/fEQnZv5P9W1r70tqX1n4ma79FHrYmNPXZ1XoGO18LCmYz8qm1"
    "+2xTi9xSdWaN0zPenM1MYOyZ7TYkA78GnvVXSLlmgL65wMbfqcrAxA9dAT84pBobU3v+0Y"
    "NiRElOZ082mithqccz8NXnyC10PGOugeCOEdLcmH4FGM4Zx86OUujEJjvjVLHPgr6TNNXL"
    "Zaqrc+Tyhj9xNDsUkAwOzoTNOnnO+ToqI6frJHurRDTOkwV0jf4TDs87qj+RueV0od2oA0"
    "V71ublE96MVxS2t3a19cvoMFg+9dJDX6hfho2zUcEMO8VmDdOr2iH6H8DIopogVcQSoZ43"
    "KrBcmyhrNBpkkTeuE93QItodotWQf0hh7Q/XwVRr+zGtc+7rJvlyfdhwTroGfSS5bkJqhF"
    "XSCFc9OzukMRmJKgdVy9YRMVg56xKFoEZFpKcxCagXi3e2oI7FJSV7rMxxPAeRWVyw5ijD"
    "AoNQusxrY2r3IxrGGLQbIDgam/cP/bv+sNPvNbvk9Oqfsdls/TQaDO/Y6oPV8dh86He7/S"
    "/thwYIjpKq03FWINhQdXgBFvGCppVEFXjTcXyvMq0Yu1qzYuwqvWLMYcuGlekMTl+QixUH"
    "OjRExfVCrMkdtbaWQpqiRJmkLq6uMjQEKSVOi0avJaKJSNe2oqzHBOWUVOYpSa5LEH9h5A"
    "W1vmks/R54Is3ufyySxi4D22WAdb+B7RXgNHLMWRd67Yt9+vkBGirmU124seqKwP3P/p2z"
    "QwLjA1oT/g8K1DM4aAN22Gb/bJ/G5ZkQoEJnoIMd8MiWuD8C+hwsLk8TIS8XM2hD8GaVYc"
    "apA7ackfyyoAKYLFklHA/t/m6z2UcrdMYKFv6L1WHRyv8tbccSqb5FZVWQ6Zez2Bn7SL8c"
    "fbIUzOJFyQmxA2ZdOEJIYS+LkmWwoehgA+WEsZdNKyIIGVA1RT6iqGAC2wmR3Be44ZnD9u"
    "brfr8b683XnWR3Hd1dtx/enLOuTQrpnkqYxtzjBOTOMhSTqp5jrvhUQyzBn7Jd5iyebPUw"
    "30v6LOmfEaNfXf+Ma2lbtnpcUrZ6WVqd44wNrfMUl+pYLCuPPyg040N64UYjPqQ1ZrPi6Y"
    "p4n/nkmcmeBd0AC8q1X6iOz4bX6jSt7GKG5nXwhGxypE9nAE3+gFPO5kmF1rxhPbyuwbmF"
    "yP/TJds4KsmzF22sVAfRK979qCtM0rCOS8PiL2sUaziCNY1VMPmLVyWl2Vms2RlfTJQD17"
    "SgZGYlwf3TJYNzPqpbVORwgJ4nAT0vD4iriS3H3BUTkimsuYhaKs61o1pCrHpG+NX5RRZG"
    "0vmFmJFEr8XBftF5CVaysfYC2QO6p+l73LbTClfkfGKlA7vQAN4vTQD8adRr0ey/9DepWG"
    "dpho8ZGuGjsAk+StbdwVl3SQsmB9Yc0eqBvheGnQ3Jmzr5N8ZMylUP7uKtDodixtWPr/Vn"
    "oS4XlaqS8fHvi4t37z5cvH33/uPV5YcPVx/fhjpe+tI6Ze+6c0v1vVgzcBIvSTf298Amlb"
    "zCPazAh3buBfihiDSbkhMuTXgFnZyIJsQKRPVE96aSzNfDbwfp+js47ghrxo0gy/n5Z0gR"
    "EY59MUTJ/UFv1O1KMvEuaHPIxOmxNY1b34RDRP5k7KH5kpmUcUTd2E0TE0oG2rsYdUodE/"
    "fVAPusPXZb2MvcY3MEwu/gfEJaZqZbNU4cPHK1vi4MPo+X2xQEF7/lhrAzmxJkTrdShY5t"
    "xKN/ZnMWB7JlDiPX+l97dF02+6ELuO86Pbp2m/yMzbs2pW02gPe7jee4+CXb0vcghv40yV"
    "RZKHQ+E8nQ5zxmsDjfd0JsK59fyeZGmRa5lDZ0Kbw81YFTuiSq7pI4VVBFPokjZ1a8N1Sz"
    "xjFy2Pn6OvPGCkoUathIM6ZMZsxxF72WaH3xXpb1HHHJa8mU00OvefXzQlm2PoXKHJl4Zu"
    "Qiu4jkq9AWB2C8xOBbQtXeAf2VuAQ/E/jSEyJGv1qekBzLyiLrCEgbuzYvgJMn8EXVx09e"
    "TSfYD4RxhNgg5k7CyndEy7MoB5EKqwTavs2XoJ8JrJhIN1xvzChPkZIFR2sCY4k9n4zVSC"
    "OnLF/tvgm3WMeiSJjARRwIVBDevSROEq9S3RxqPIUVq7UOseBGrXarAYKjsUnLr85H/xub"
    "d/3e8HP3fw3gH4zNYX9Ic06zn7E56nU7d50hFQwPyxGkFCR0E+/bKcjnJgNUDTYL6HzXin"
    "h7goiIXASbSmyFDAO9QlshX0EOUJNisq9y+ipVP/NpexERGflbH/kLlO8dA1RBSOQ0Id0Y"
    "oIp0qFIFqGxEVyvXeNadf6m+1rKLFNpnpEqU3EUad9K4q7D1IWNYx4phST/+Vk1RIr99gI"
    "nMAvhdhWs4zZ4KLgSf6GSZ0yxICcrFn5K3ugdIJdHy8ETL1bddALjVXgGaGgZ3WAeKVedl"
    "1wAvqaJC/XivId0BY/e0aZ7wGsfoj16urzP8fZYQDEtuzELbpNtpT6FDN9j2bgMWcDJD6A"
    "WwWhpgYeuYfLRgoeMZoDt2w6cnOMV14CAA1Sk55wDyRIZOakDk80vno93TPQpm0q5L81Sc"
    "dVwifmeBTCuZT/ZYfNrwy9rCWErKSnOpLOZSAey2fU5XbGrnzFPBlC+eoHBQ4hhuaZpzPO"
    "Ialx7r0nisJWNG+qwPrOAfcN2Fil2OLZWNrbSSPmAe3WG/1c85gDAZSjdq9cdmq9/p3TYA"
    "+6H/9dr0H28WPHJCXRlB2OrDKJFuJCMI36VKLCMIx4wg+GpzXr5WTErGEGRYRoZlSuLOru"
    "8WlomY0bsyDFc1VRTa+CgoQ16lCnnt1U3mDRo8R1k4nKxxla3KyGwjlfV8OYb7nMfxFZSv"
    "XDSq+GV4kga7X5eiH2yeug5Gc0EWt40JLRLShTgYS9Sr95LNwttPfLttXdKylVn0JXd2Kc"
    "3gc5oupkJziqiWTvcE25FE1bT0n72NxU6sC2RKJ4JcPEGcdZV5ELrWDYM8SD+sqopATVSD"
    "mnmF7Mxw7dVVVaiebZUWLwCoW7taLp94gITudlAITFn3TThJmFb7GeyIVXwDhSpC5bu5dk"
    "2iVTl3YNzlL3nV6+DxacEKNDUL6TuP41+96tp+bZVHjdp2BUEWMMirglcuPy8/4Z0Y2Oxb"
    "DW2V9e5EnPN5dxziYCF0lScR2+Q2V5INJ33oFfahnxzDLv/XWWveDDtf2g3g/Y7N4UOn2W"
    "U0u+BobN43B0OlNSKlgiOa+eu+2WFpv+jv2Oz0bvp39932sM1yi/nHY/Om2btpd2mCsOCo"
    "lqlJ976JkWvb1GVpQVtHmkJay87vcBPUUUHX24m42jKR+BLNBnm7/eVqeL8G2eylbnY/Mh"
    "SdwbeLLXFqkPGl7KnqvVDR9mGONdUU8AWWUymuxAcoydPir+80I1tZyNMyH2OFyb1l2Bu6"
    "WGqvTHCZiXsqSHD5QEaLh87NMB81cjOxOueG59vTqsvQoYsgVRfHNmVMX44DLWAAi11m5I"
    "oSbGgo/WTV9ZPBuaobeeyoUKBybNN3F1kIkaSU0G5i1+JTvu4oZLzFT8ieE71rrvMiBggZ"
    "UDUF/Zonn4B+QirY13wVnjlsj77u97sxHfm6k1xWPaKbqr85Z41BCuneICo5edW3XCQnb/"
    "9qy5GJQeX05Ehe0Inygk6xOx2OFnQq6OxzXZ7PcWlBQ3+F9rLGMZqSRerr7KeAf6NFS2/M"
    "vEisZC/9IUALqAGMAKJnfK4SgWEGgUP+hfYPDvCY0sBGi3R6xV0q4m7cF6aPDOpI7d73Wy"
    "RqbsJvmKhNGM4tHKbZCiR921em2iqNEXh6ZInafbvX6vRuc+IciDWAfzA2W+1u50v7gZIc"
    "wsOx+anZYbwH7zf5eR2H9eB/T5x2Eq7siopUZk1XYbtNGaqDFa/3Esy0PDvO8UTlhl5piJ"
    "MTQQrh9RY4R1yGicsTL0yHidl3AW0b2emmFmcUjEvJhIL5Ewr6auZWbq6krPzCyvyFSXfm"
    "d9HMCWMpqwWUEJMMDG6ahJyYRmQkoOsZGKGbYEcKRkWXHNUTZIBo19qcBAxG1qwVhG/1Vs"
    "GlII6PiGXa0jXZCGKfY7SdNvsco/0ky24vo4cuQE/MJ+ixU35wyD8qBjacQqIaOt72K2wl"
    "IW8nl1zyY3NstmgLEHHmlHQgufjoNQpVTh4brLivlepEmnTmJaChSvqiQDfBTHcwspd1oJ"
    "oauYqsjHu//BZn36zuKT2QR/ZAunYuEopfvMyLs7Yl77+9zJLdnBZbk5frMpXjXOb6P1qu"
    "f0gML86cvWapSihRwQ5+fpGlf5NSYs/4hczg/30axZEJO2czxyWlh6vMrVyuVRLlbViZAn"
    "1nWAtn6wsAXxkzadC3yMQSpaBUBPhDkHuEe6kmvU0ZTOzsu6kO0JzYo9TaZTbxjFROmoxx"
    "clTfXq6Hm50S45ZRc8jzEVhU01E9w071bOip6jqczVSLvwW10jvkP12j26zS8o+69hgY9D"
    "axySF51bAeIg5phyQFsL3cx06s0uQufH89ChXXKtlM+Qlky2yf1EaD5m1bGX5+aA8+97st"
    "5aHdvPlMST2MznyGZwSrGTK0M5tuJwy1sZmWGPS7X/giDjJeqUxzNOwrw/69MrpXBqObm3"
    "a7RQWmjO7snDFNByNLca0zx51OIdSSUgHXiCfypOoG1JIffBY7q/jc6bQnpTvMT4N+T6Bz"
    "++WT2rY+xeBvYOjOCSsOPFApEuu9B0lHQeKjpRUkvQfSst2mKaTNI20eafNIm6fcwO/V5m"
    "kS6KezGsfa8a+stXPUVZnSLP4WknG5AyAnqu139t1U/9KTb8UaPzXcuPEfcSgiIlJmXX/b"
    "YNs+MmXRjyoHwn7xCqJ7nmmDofM1GwydpzcYInfEXIqR2A6JiEhTJKcpkmNJdfGT2T//B5"
    "+WHs8="
)
