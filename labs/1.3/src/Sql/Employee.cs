namespace StatelessMind.Labs.Programming.Sql;

/// <summary>A row of <c>employees</c>: a department may be missing (NULL), the manager is another employee (NULL for the root).</summary>
public sealed record Employee(int Id, string Name, int? DepartmentId, int? ManagerId, int Salary);
