stock = {"pear": 3, "fig": 9, "kiwi": 1}
for name, qty in sorted(stock.items(), key=lambda kv: kv[1], reverse=True):
    print(name, qty)
order = list(reversed(list(stock)))
print(order)
