def make_all():
    fs = []
    for i in range(3):
        def f():
            return i
        fs.append(f)
    return fs

print([g() for g in make_all()])
