def inner(d):
    return d["missing"]

def outer(d):
    value = inner(d)
    return value

try:
    outer({"present": 1})
except KeyError as err:
    print("missing key", err)
