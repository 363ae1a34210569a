def add(x, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(x)
    return bucket

first = add(1)
second = add(2)
print(first, second)
