prices = {"tea": 2, "cake": 3, "pie": 5}
for name in prices:
    prices[name] = prices[name] * 2
print(prices)
