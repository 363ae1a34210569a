def make_user(name, **extra):
    user = {"name": name}
    user.update(extra)
    return user

u = make_user("ana", age=31, city="Lima")
print(u)
