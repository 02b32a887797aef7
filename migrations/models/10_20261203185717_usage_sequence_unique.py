from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
# PostgreSQL: aerich wrote a CREATE UNIQUE INDEX; a UNIQUE constraint, as the models' own
# schema declares it (unique_together), was written in its place.
SQL = {
    "sqlite": (
"""
CREATE UNIQUE INDEX "uid_credit_usag_tenant__c37ece" ON "credit_usage" ("tenant_id", "sequence");
""",
"""
DROP INDEX IF EXISTS "uid_credit_usag_tenant__c37ece";
""",
    ),
    "postgres": (
"""
ALTER TABLE "credit_usage" ADD CONSTRAINT "uid_credit_usag_tenant__c37ece" UNIQUE ("tenant_id", "sequence");
""",
"""
ALTER TABLE "credit_usage" DROP CONSTRAINT IF EXISTS "uid_credit_usag_tenant__c37ece";
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
    "gWT9Mc+w6RnprsadAdz1dxpWLfjVFr070CVwu0bIMHZJMjfb4AntGbr7hXVnNZH8mkyyOm"
    "RkvKY+X5Tsb9IpPivllf16TDpHSYrMtyp/olplRHq1VHk5njSuCaFZRh+Glwj8a79ywN6F"
    "l9QIwmthJzV0JImoS5iErHwX04Dj7pvGz6xXynA9k90tb0PT73sguu2PlUWit2oQO8X+om"
    "/WkyZE7S9De94C7SDB8LNMJHYRN8lCkW9p5iQTrHSufYGsFdvdYR6uYZnC/0R+FaLi7VJO"
    "XjX+fnb958OH/95v3Hd28/fHj38XW4xsteylvsXfQ/0/Veohk4u2xIelt6JkvPZOlJe2A0"
    "beq/hSEuiWhKrEJUD+pgJb2TpXfycX3+FXgny8wxW2SOSY6lYTqWSrBKpYNpRv/k5NrJzk"
    "ZZ9EYmHCPyZy/e8XWYg9Z+2KkpuEBWKDHq1AlP3GMD7Iv224YFJXwv6VJwDZcz0jIL3Wpx"
    "PApiV9t5DgXLZLl17gTit1xjwGeTqNzyqFbGdhvxHGmL0euBbJ0N763R70Oatpj90PzG1/"
    "0hTW1MfqbmdY86wHaA97sJ11598hHJ1oihP063tCLOiL5Pl6EveT7W4u1wU2IbsaQ1mxvl"
    "rqG1ZB1qwYs1B05J4jSdxDlWUEUszoE3HrsxVG46W3a+nafeWEGJShUbqcbUSY05bPhwjS"
    "K1dxIgdcDg4ZotTvcdPYy9bVMsW59DZYlMZ2GUcg8SyTehLfbgI5SA7wWq9hboR+IS/ELg"
    "SyZEjH6zmJASAXqxyAvSxq7NM+CUMX/R5eMnr6Yj7AeFbIXYnYWVb4mWp1HexSpsEmi7Vl"
    "+CfibQYmLdMF+ZUR5iJSu21gTKEns+aauRSk5dvtpduyg7uiOyhAko4kCggfDuJAWVOK53"
    "vanxGGJ8W32iwU2u6HYGwdHUpOWj8/H/pub1aDj+Mvi/DvAPpuZ4NKZbsrKfqTkZDvrXfb"
    "aPQnhYDyOlIDWe0E4lyownDVQdNgvofGpFvHt3TESGDWdShCHDQM/QVshXUALUtJjsq5y+"
    "Spef5VZ7MRFp+cu3/AWL7y0NVIFJ5DghXWuginWoWhmobETju1s87c6/1M7V7GKFdmmpkt"
    "sESuWubp9+sxPg1mxNsG8bluTxN2qKGvH2ASYyn+IPZa7hNHvGuBB8orOXkmpBRlCGy0q/"
    "1R1AKh0t9+9oGX3bFYDb7JjZzDC4ReSso+KnbQ28pIoG9eOdmnTvmHdPj2Zcb3GU/vjldp"
    "7i73sJwbDk2ny+XWDZaA4xhhrwbgNWcLZA6AmwWjpgZesO+WjBSncWQHcwgA8PcO60AUYA"
    "qnNyDgPyRIZOakDk88tm9t3RPSr2pM1LjFWddlwj/84KPa1kBt5D+dOGX9YGylJaVqpLdV"
    "GXKvBu2+V0xaZ2zjwVTPniCcoJShyClqZZ2mPUuGSsa8NYS48ZyVnveYG/x7gL1XE5ulQx"
    "b6VIeo+Zh8ejq1HJAYTJUHejq9HUvBr1h587gP3Q/4Y9+o83Cx44BbG0IGz0YdRobSQtCD"
    "/kklhaEA5pQfCXzWX9tRJS0oYgzTLSLFMTOru9nVkmpkZv62EY1dRQaJOjoDR51crktVOa"
    "zBs0eERZOJzkUGVRGZltpLHMFzbcxzLEV1C+cdao6sPwpBvsbilF39g8d7GDloIsbmsTWq"
    "SkKyEYa9Srd5LNwtuZfbONcLKyjQn6knvh1GbwOU6KqdBW7zRLuKIa0HYUZ0HqXSA6p2d6"
    "wK93o6GAYBTWkO4J+twB/wWGjo8wWjCnySk0+VaWtEEl1Yy0ggue4l/Es021dLq73ZbObV"
    "1L/83bIu/IPs1CaV7YF+AgS3EtMkg5cGk52+JFahwja2J1veqaihxynRniRAqXwepCNwzy"
    "IKOwqiYCNVMNSlxUsuPIhVdXU6F6tFVz2+/PA+qz3SwSMxmqf9B9bI4SMrYUqQSsopunHC"
    "VM0aYmW2KV3EWliVD5XPe2mfQaZxNI2v1kcMXaUclTkLZEiY1KXVpRU7Hy4ygUaGoW0rde"
    "JvzuVdfza2s8apQMqwiyIOSmKXiVMoxxVUcxrsW3Zgv1xqNlQIonVK0Cr42yqh4LcBuZXx"
    "NYCE2xacTWmWWVdMNJG22DbbRH58Fd/utsdS/H/a+9DvB+p+b4tt8dMDfu4Ghq3nTvxsrV"
    "hJQKjmhmyZtun6WVpL9Tsz+8HF3fDHrjHstd6R9Pzcvu8LI3oAkog6NWoSbd+SZ5rm1Tk5"
    "gFbR1pCmktu7xBR1BHA007R2LKKeQknmo2yNtNtlTD+zXIZq91s/ueB/EZfDPfBU4N0n+h"
    "+FYonivC5mb0nGoq+ALruShuxAcog3PEX99xek5wmj1LDct8v80NHjnolLWT0BGZQLlQbI"
    "MggfItGS1u+5fjcq736wN3AiZs52E7dejQVQTtVBfNEDOmcGi0pKlFTJ/FjDuFaLNWF4RO"
    "cuCE6FlzstoD6IGchWBFmgetfsKA7Vr+ip3zMCHn2J2ATdNHQQ3oZkwizTzs5CZT01moDm"
    "BkAAbk6D5OD9yfggnra4CcBSdehW0QL9KOHupVByATAgYbLUPrDp6Xyntiv1AMqesQoC0O"
    "XNJ3bfJsGBnPEAOdVDi3Eca0gPpIupX/3PSSd0KUViueUCXNcYQPktni6c9k/0xnYklcpC"
    "QZ5J0PHJVlhpbDcqBRM2fAFvqaJ2T252a+y+V5xXtgeN0+g2hxYrn2AStkJdC9/EJpX/9g"
    "apK1wWjw1TvlHW3CBFecF8TFsEzXDorLXs3p1WyiLAFmWF5uk8PZJmcLu4S0R9SYIOHYI2"
    "RE0Y/QzP6KfJN2TolKmrvO7bxZgOZhQjN3PyHuOTqzXvRofb8qmVtna1grp+n2lqCEJYfh"
    "knle0hgxjUeuKG5QSrq+NZb2gUtVN/gEhSC/QCDQuAQlb86L5NAgpYSkA7uWnKZ0rFiG6j"
    "wge0mWFkud5wSMkAFVU9CvefIp6Gekgl2NruGZ/fboi9FokFgGXvTTmXgn1xe925Mz1hik"
    "kO4IFgpS6RL3/+N0Rqggeb5MF3A8kbf11GDrFnh7jCjJuNvCUO077vYYu9P+wm6PBZ1d6p"
    "Z+XOQVNPRnaL+0OGpmukg7T+MMYja1eOm13iMjE3p7jAG0ghpwEPOjCKJlO8xdA0PqKPET"
    "Bl7yFmCjVXYPs20q4npUhHu0BXVw/Cei0CETfnOCVDyhB0UgyXGwkGqzjBgrt+fHTW941R"
    "9+LolzINYB/sHUvOoN+l97t9S+Hx5OzU/dPgv+8n7Tn9dhQr/Eqa2E7HxcpDGJE6sz/KvY"
    "UbzeSzDTOJYPsQ8AR1S6A2QhTk8EGYTzOQuOuDQi1tmIyL4LaNvIzja1eNuupJTctav8rl"
    "3+MnMjYjAtK7+wOn9hkgD+IZo5pSwV1YBSYtIpgJuLvCSmMRkJaL6XRUgTbOlk0dA0Ve2U"
    "q0W8a63faQfG8pxVhG/zMqdlIE6OiHXyZ0k3gphzjLfTes4x3k+KRKxNbgdB9FgYKcaCwW"
    "w4h7oXjIU9OhFnqcaS8lNzal7RFqBxXZSUxJBcvPcahS5O7jusuL8q1Yk06cwvNPhLoy9K"
    "o9YWOnaQ/dIGqqmRq8gS8Zb5IV7RPSUDeWAG0rVLue34xescSbSh287567dFQoVosZzNb9"
    "5mAobkhtqHUs0xJIoXZ87OydcTSjSwg5+dF+nfpJSYGT+X22T/mEpxbMIu2cxJSclw1bmV"
    "ZSyEjIWoi/a4VSxEhp7Xt3Wi47igNAT4fTj3eGxSjpYdsE0FVOyw6Fr9+g4tiT5KtV2mEy"
    "9I5aTJmE+OCoJEKitbd8hxkJIFk+cjsKgmVj3FTvV06LnqYphVwau/BdXS++Q/XQM6ZuXv"
    "de0+UOhtopND2I7qIeKQdkhSwLFfCmrjUuU+bIoUChVXK1nv8hPI1lk/aU3uup97yvjLbe"
    "/uy2hwpYSpPZg782mY7uXUz4c0NbMSQeqPrIgX2Tw1u5PxSBmPbpTJjXI3ubzs9a6owJy5"
    "O+PT2AYDp9idzyHU0lKBrxFP5EHVDS91x+E3KKY9KdthxDtHBuW32ieypvMXD9TKNoqUmq"
    "3UeaTOI3UeqfNInWdjnadLoJ8vWhxtx7+Sq+eoUZnahMsLnXG5AyDHqu139u2W/rV3vhWv"
    "+KnixrX/iE0RMZE6r/U3NbbtYrsA+lGVQNgv3kB0z14XyUBASoktPa8zGQjIHR2ui5FYD4"
    "mJSFVkd3vWVz+Zff9/+zVp2Q=="
)
