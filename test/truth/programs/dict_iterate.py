prices = {"tea": 2.5, "cake": 3.0}
total = 0
for name, price in prices.items():
    total += price
print(total)
