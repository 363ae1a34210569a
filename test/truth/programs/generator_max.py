prices = [12.5, 3.25, 8.0, 19.75]
cheapest = min(p for p in prices)
dearest = max(p for p in prices)
print(cheapest, dearest)
