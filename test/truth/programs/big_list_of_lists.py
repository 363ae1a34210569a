rows = []
for r in range(110):
    rows.append([r])
rows[0].append(1)
print(len(rows), rows[0])
