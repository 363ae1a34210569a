def size_of(word):
    return len(word)

def total(words):
    sizes = [size_of(w) for w in words]
    return sum(sizes)

print(total(["heap", "stack"]))
