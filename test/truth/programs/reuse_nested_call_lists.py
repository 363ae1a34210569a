def pair(a):
    return [a, a + 1]

def both(a):
    first = pair(a)
    return [first[0], pair(a + 10)]

print(both(1))
