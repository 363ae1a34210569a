def a():
    x = 1
    def b():
        def c():
            nonlocal x
            x += 10
            return x
        return c()
    b()
    return x

print(a())
