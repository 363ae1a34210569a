def greet(name, times=2):
    return (name + "!") * times

print(greet("hi"))
print(greet("yo", 3))
