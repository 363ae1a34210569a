# A default value is made once, when def runs, and shared by every call.
def add_item(item, bucket=[]):
    bucket.append(item)
    return bucket

first = add_item("x")
second = add_item("y")
print(first, second, first is second)
