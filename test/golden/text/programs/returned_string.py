def greet(name):
    return "Hello, " + name + "!"


message = greet("Ada")
print(message)
print(greet("Bob"))
