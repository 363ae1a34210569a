items = []
for i in range(5):
    items.append(i * 1000)
