rows = []
for i in range(5):
    rows.append({"id": i, "name": "n" + str(i)})
rows[2]["name"] = "changed"
ids = [r["id"] for r in rows if r["id"] % 2 == 0]
print(ids, rows[2])
