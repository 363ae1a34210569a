stock = {"apples": 3, "pears": 0, "plums": 7}
del stock["pears"]
left = stock.pop("plums")
print(stock, left)
