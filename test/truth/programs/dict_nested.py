users = {}
users["ana"] = {"age": 31, "tags": []}
users["ana"]["tags"].append("admin")
print(users)
