class Empty:
    pass

e = Empty()
e.a = 1
print(e.a)
print(e.b)
