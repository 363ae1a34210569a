def add_item(item, bucket=[]):
    bucket.append(item)
    return bucket

x = add_item(1)
y = add_item(2)
z = add_item(3, [])
print(x, y, z, x is y)
