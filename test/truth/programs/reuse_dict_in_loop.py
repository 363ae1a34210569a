records = []
for i in range(3):
    row = {"id": i}
    records.append(row["id"])
print(records)
