people = [("ann", 31), ("bob", 25), ("cid", 40)]
by_age = sorted(people, key=lambda p: p[1])
people.sort(key=lambda p: p[0], reverse=True)
print(by_age)
print(people)
