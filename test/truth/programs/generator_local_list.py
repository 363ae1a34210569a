def batches(n):
    batch = []
    for i in range(n):
        batch.append(i)
        if len(batch) == 2:
            yield batch
            batch = []
    yield batch

for b in batches(5):
    print(b)
