class Pet:
    pass


d = Pet()
e = d
e.age = 4
