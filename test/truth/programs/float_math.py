price = 19.99
qty = 3
total = price * qty
rounded = round(total, 2)
print(rounded)
