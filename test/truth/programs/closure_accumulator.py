def make_acc():
    items = []
    def add(x):
        items.append(x)
        return len(items)
    return add

acc = make_acc()
for word in ["a", "b", "c"]:
    size = acc(word)
print(size)
