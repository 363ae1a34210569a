items = [1, 2, 3]
total = 0
for x in items:
    total += x
total = total + "4"
