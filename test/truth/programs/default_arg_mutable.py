def add(x, bucket=[]):
    bucket.append(x)
    return bucket

first = add(1)
second = add(2)
print(first, second, first is second)
