from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True

# Made by scripts/make_migration.py from `aerich migrate` on each dialect. Never edit once on main.
SQL = {
    "sqlite": (
# Written by hand: aerich cannot change a column comment on SQLite, and ROLLOVER changes only
# credit_grant.source's comment (the column is free text there).
"""
ALTER TABLE "plan_feature" ADD "rollover_max" INT;
""",
"""
ALTER TABLE "plan_feature" DROP COLUMN "rollover_max";
""",
    ),
    "postgres": (
"""
COMMENT ON COLUMN "credit_grant"."source" IS 'PURCHASE: PURCHASE
PROMOTIONAL: PROMOTIONAL
ADJUSTMENT: ADJUSTMENT
ROLLOVER: ROLLOVER';
        ALTER TABLE "plan_feature" ADD "rollover_max" INT;
""",
"""
COMMENT ON COLUMN "credit_grant"."source" IS 'PURCHASE: PURCHASE
PROMOTIONAL: PROMOTIONAL
ADJUSTMENT: ADJUSTMENT';
        ALTER TABLE "plan_feature" DROP COLUMN "rollover_max";
""",
    ),
}


async def upgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][0]


async def downgrade(db: BaseDBAsyncClient) -> str:
    return SQL[db.capabilities.dialect][1]


MODELS_STATE = (
    "eJztXWtz2zYW/SsYfkpntJlUsR2vZmdnZFtJ1ZVFj0233UYdliJhiTUJqCQYxdPmvy8Avl"
    "+SKFMSycUXmwJwQfLgde+5F+Bfko0NaLlvr0zLMtFC9sgcf5UG4C8JaTakF8UFekDSVqs4"
    "myUQbW5xiblfVMVx2blLHE0nNPdJs1xIkwzo6o65IiZGTGYIbEigA+AXiAjAa2gAgsEDoU"
    "Vo6bVjEgIRMBEgSwhc+miAVohcWietAGguMIkLLGgsaB0OXr9ldzWwTm9Ln+RQN/CQ+acH"
    "VYIXkEo59Daff6PJJjLgV+iyn58ll2jE4/gg+JWoGr2NvWL/pd9Y2dWz+mRCy0hBbhqsPE"
    "9XycuKpz0+jm8+8pLszeaqji3PRnHp1QtZYhQV9zzTeMtkWN4CIuhoBBoJ/JFnWUGDhUn+"
    "69AE4ngweg8jTjDgk+ZZrBWlfz15yIeG34n9Oft38GiJYqo6lRX1YaSoqpRrdPYImWYKkn"
    "SMWIcxEWEo/vXNrzcGhKdK7AbXPwzv37y/+I5DgF2ycHgmh0v6xgU1ovmivEVilD1XW0C1"
    "GtZJmeMiHoLVMHhjOPnAUvmvHKDXS80pBjQtlYGUPuQ+YIYJMZrxpHMEOCVb+6paEC3Ikv"
    "78/t27Dfj+NLznENNSHGNMZ0l/Ep0GWX0/L401fVVSBeWwfAfxvTjbAd6Ls1J0WVYa3C+a"
    "5RX04TEixeBG5TPo0udtI7oL9hD/6H9/9uHs8v3F2SUtwh80SvmwAfDxVMmgGa9/+c46Qp"
    "7NMR3TR9CQDnPYxtLH67rS3Wh6M55+qriahWIDEFzM0MNoqgwA+ztD96NreXo9nowGILrM"
    "Kik7zScXu0wnF+WzyUW2vwcqSUEblXb5pMjxev27lnT5rKKXw/WGAkNMGxaDWyCewdgI5N"
    "+GFy2cZzYgqoxvRw/K8PaOVW+77p8WB22ojFhOn6e+ZFLfZHt8VAn4eaz8ANhP8Ks8HWU1"
    "maic8qvEnknzCFYRXquakcQkTA6TUg1uaS5RoeNgJ9/WCm3N4nZOS+01vwVaYhvadPSLkm"
    "rOcEZ6czv85btUk07k6aeweGIGu57IV5mBpjuQYbPHGEtLiuHV6OHlMhOhehsnxGpo4BYN"
    "tba1L4FIo01VzRJPCdVpije3YbcY44xOenoupDp8sPLwfsQONBfoP/Alp4ZnIA1YQCWqqJ"
    "2wxqnxkHa0dcTBpbsVfX/61pD4Bsvw4Xp4M5I4znNNf15rjqGmAGc5uI8zKVHZfJbdt7Mp"
    "GtIWHB72HuypA+SvHWiY5EqzeAMVELTpAr1NBK3Oi6rzRNmtBO3PS40ADfj4gKXmAs+FBs"
    "BPnBhd0ZqAZll4zWpkNCpGEAREMFhBx8RGnpOtoc4ZmiFlCRklC0yXk7eM8JtrLgQLj6I+"
    "oDfQqa25gCyfXmNE352+lGaBxzs2/7H7/c5u/DsVpw9key59GJPMqCJOIbFe+H3pDXrAxZ"
    "w/jqtcLzG90T2F0wUW1p8B/LoyKbpA1xDCBOAv0HFXEBllfPHnxNj0X0mlY9AJ2OEEkyzI"
    "4pOSxam2qaiIZGWFutlodSRoLjpo92zoQFI0c6Obmc34FSivsLigu7J0l78UVsEyISHgzM"
    "I5f/HRyMH544M8LcYzIZKddEydgL+BZboHwzWxus890yImct+y255igWcQbWaZsoRSZmJh"
    "FWRZJqbCsUfcvX8nJET/zvZvYe0La19Y+ztZ+58cjT96ia3vZ/d2sPQXUcmtdr5ftUttXk"
    "DwitnGzKbO2OJvNLDyHLqMM3N9Rd+4R03ilYNtzKqhP2hh4w9qR9sQke/yhv+hbrJLQFY8"
    "Ohxo077BHkmEYp3WutZs7BXNWOUO6EhABF0UrLFxz94d0pSMQLUA1RW17h2TvFQANSkiVM"
    "EsoD5Z6u7h20tLCvdek4kWF9NVvCQodIcIsEi6ycGL0t0jszMfRgMQXs3Q3b18KytjeTqc"
    "0OT4xwwNb358fFBueXhYfD1D9/JkIv80uh+A8CqrOp0mRMyBmltkAZdHnMYSXQhsSeN7vl"
    "NI7/mGkN7zfEivy3ciqPoS6s/YI6oLXcYhFNrJ5bBvrqWWpjhpqHq6Ifrn5zs0BC1V2hA8"
    "L0P3YNPYK6YoJSiWpCYvSSJwrHyE0Rc0ZGS9BD2wJc0eDBYRZySYxybA2nbm8ZHtc5NKmU"
    "c/u7cD8+hFJbcyj7IfZROygVwy2HE5AGsWmbPW3CDwxuix3ZvrJbZ74Ak79MrUlwDP/4A6"
    "ydONtda8JYiH6gD2CtPf+ov6DF9ycTzJsonFRDCQp2Ugi12u5Yp2ib+1UUZpY3bUCXq3Xt"
    "7sycG2GjlKKuCaFxSkZBZcf6qvqCWmhF4x+7bH5quwMzy7JFaYZgtEu8cnHYTGcCB9U5eo"
    "S81dViPu0nLdg7v+9c1lmBXOxFfmonQyTkp1aZn7Z7///v2H/rv3F5fnZx8+nF++i6bkfN"
    "amuflq/IlNz6lmKAg/FFzO/wNlJ8ib2tdlz4VO5fNvIhGh5Qgq7FhUWLbX1gDrY1BNK7vq"
    "VkwT4zSFKL0/mD5OJqdiF2+hPYeOuzRXUgG5mMjtbeIW7XS5bcxiObpbuDze1cRGvEYRdQ"
    "629o4lCWWbTNpJ8s9TFgDC/7FIkdvxlAWJ0H8zdDu6vWKZ/v8sz32a2BChf5dDL3ypQh1v"
    "vjreHTiFPt51fbytoJYp5Cf29t9ZGpIKNHGevlEHX4UlatW+ha7dJF276mG+9R7j26BA04"
    "Mc4pt8shzI5ccGZsS64J/ZpBcf4tzAIEp65Zg6VG2MyNKq5JUsk+9CWxzBNZmC7wVqzivQ"
    "j8UF+DuBL8z1cvS7Za7njKFyFTMRWkTb2GP3zXWOq0Dy43/uoaWVLD8J9fGjX1ML+0GZTp"
    "+exLx5VPkr0fItyodEhV0C7dDmS9jPSqyYRDfcbMyoT4mSNbsUQmOJP59wKAgjpymj9tCR"
    "UcQkZe6aEoo4FOggvP2drMj+Biuyn7ciywPXt/vD2hDELo2pBfd4M7oZgPBqhlj5OD35a4"
    "Zu5anyw+S/AxBczJAiK2wHNv83Q4/Tyfh2rDDB6LIZnrTjfnimaaZP3Yd1YNcsplbKD+tI"
    "iIi4+NyZMtiy2HHGKh0FFUDNiom+WtBXmfpZTdtLiAjP32bPX6h8v9JBFbpE2gnpVgdVok"
    "M1ykHlYLazRiqy7oKs3kbLLlHokJ4qsa1TGHdNG/pHsD6ED0t8+6px/b4lvP1O2168lbFn"
    "M6clO9jMLXXXFDR7zrkQDtH5S0WzICcodumI08cPAKkItDx+oGU8tmsAt9vbn3LTYOVNUI"
    "n+rLnPr3Xw0io61I8P6tJ94NE9oy+w+OT7ZHZvk+EfRAnBqOTW86eG7HB5HbrsuHn/NmAN"
    "50uMn/lH38gArB2T0EEL1iZZ8k/UwacnqBP/u3CavuRfmFutLJN9xI4Ov/xJVAe6R82RtJ"
    "vO46jPOm5QfGeNkVbiiKlTxdNGI2sPYykrK8ylpphLNUS3HXK54kt7wToVLvnlCxQJS5yC"
    "lu6Bz0lqXDDWjWGsRcSM4KyPrOAfcd+FRrwCW2rHL0FE0sfr6ZIi38gVJxAuw8KNbuQZup"
    "HH008DwP+xX9MR++GvglVHw+UOY+GydCRcip0AwoMgPAgdUImFB+GUHoRAba4ar5WSEj4E"
    "4ZYRbpmG0Nm917llEmb0ayMM45o6Cm16FhQur0a5vA5Kk/mTRhFRFk0nG6iyuIw4baSzzJ"
    "dreQXfq91wDkBQvnPeqPq34Ykw2MNSioGzWfdcgu2SU9y2f7QxLS0+1rjDaRbcaa7ud/5+"
    "XrYzm77EEfyNmXzaSTHVeqYI9sgcF+wZrBJCdWVaFsVZjqpqWT/Y6UyRuWYxE+aV0Wb+J/"
    "qu/Lq6CtXC0VjxGoD65HSLzkiT/+xTh7XAFH3ysYswxQfKvxKr9An2XYQqoHBee0BU56iu"
    "NJ0tYoZfFTNcfMxWOaAyggqmfw501lZLKMFve5FyKSxKCbosYtvIOjXbcIK56zBz17q4nu"
    "qjUxpeK+OfRgPg/58h5X48nPDgnvBqhu6GD4p680hLhVfsvKG74ZgfNsT+z9B4ei3f3k1G"
    "yoifaBRcz9D1cHo9mrBjicIraacmPfj3PTzHYUTJCjomNlTaWk51M7+kjg4a/C0x8HcKHc"
    "o0G0QFs2mlhg9qEM3e6GYP+OjkCr4fo11Qg2C1dz8g2yeo9ydXN1RTwwhsplLciQEoQjbL"
    "R187+fRdQjbFKXAdDik86ZJ1kIBCcazeThFvJcfq3dPZ4n58rVQLyNoezhkyYQcP5mxCh6"
    "4jlLO+GDceX1hAoIVxh+WUGc1Rw8+oCZ6suzwZtDXTqmJHRQKdi3F7398lDIuWKrWbeF56"
    "yTddlc635Ak7NtW7bLPIY4CxBTVU0q+L5DPQz2kFh1qvopTj9ugrWZ6kdOSrcXYz5yP73v"
    "Cb73lj0EKmP4mKSKDuWy61RgIdPxyhmSyFiEZoaTRCG7vT8YIR2oLOIXe6DKFj6kupwA4I"
    "cjZbAnGZxtgBpQHUhWZAQdB00C2aq5nW8jmHcrX/C52DC8NXyhX/hEiTneJNcpqwQVUB4a"
    "B4B9E9yOFq9I4EFhFOPz7I0xKNPhbJqvOmTsDfwDLdFkcAFoHLwEjp7LlTc7IH5GSUcVbB"
    "VRHvesxtm9/+B1nKpRI="
)
