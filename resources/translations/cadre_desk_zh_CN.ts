<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/about.py" line="+55"/>
        <source>About Cadre Desk</source>
        <translation>关于干部成长档案台</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;h3&gt;Cadre Desk {version}&lt;/h3&gt;&lt;p&gt;Records of cadre development for a county organization department: profiles, mentorship pairings, growth diaries and talk records. Works offline.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;br&gt;Data folder: {data}&lt;/p&gt;&lt;p&gt;Printed documents embed WenQuanYi Micro Hei (Apache-2.0) and a subset of HanaMinA (Hanazono Font License). Built with Qt {qt} (LGPL) and Python {python}.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;干部成长档案台 {version}&lt;/h3&gt;&lt;p&gt;县级组织部门的干部成长工作档案：干部档案、一对一结对帮带、成长日记和谈话记录。离线使用。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;br&gt;数据文件夹：{data}&lt;/p&gt;&lt;p&gt;打印的文档嵌入文泉驿微米黑（Apache-2.0）和花园明朝 A 的子集（花园字体许可）。基于 Qt {qt}（LGPL）和 Python {python}。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;p&gt;Portable mode: the data is kept beside the program.&lt;/p&gt;</source>
        <translation>&lt;p&gt;便携模式：数据保存在程序旁边。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the version and locations, for a support request</source>
        <translation>复制版本号和文件位置，用于寻求技术支持</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>AccountEditDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/account_edit_dialog.py" line="+22"/>
        <source>New account</source>
        <translation>添加账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Roles of {name}</source>
        <translation>{name} 的角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An account may not be both system administrator and security auditor.</source>
        <translation>三员分立：同一账号不能同时是系统管理员和安全审计员。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Roles:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A mentor&apos;s own cadre number (shown on his profile)</source>
        <translation>导师本人的干部编号（见其干部档案）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mentor&apos;s cadre number:</source>
        <translation>导师本人干部编号：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No cadre has this number</source>
        <translation>没有这个编号的干部</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>AccountSession</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/session.py" line="+42"/>
        <source>&amp;Accounts…</source>
        <translation>账号管理(&amp;A)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Lock</source>
        <translation>锁定(&amp;L)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Roles changed</source>
        <translation>角色已更改</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An administrator has changed the roles of {name}. This window closes; start Cadre Desk again to work with the new roles. What was typed in open editors is kept as a draft and offered back when the same editor opens.</source>
        <translation>管理员已更改账号“{name}”的角色。本窗口将关闭，请重新启动干部成长档案台，按新的角色工作。已打开的编辑窗口中输入的内容已保存为草稿，再次打开同一编辑窗口时可以恢复。</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/accounts_dialog.py" line="+34"/>
        <location line="+90"/>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor&apos;s own cadre</source>
        <translation>导师本人干部</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roles…</source>
        <translation>角色…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <location filename="../../cadre_desk/ui/audit/audit_model.py" line="+29"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record no.</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>变更内容</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../cadre_desk/ui/audit/audit_page.py" line="+49"/>
        <location line="+258"/>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location line="-256"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Verify the chain</source>
        <translation>校验哈希链</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record no.</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary contains</source>
        <translation>摘要包含</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>More…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History of this record</source>
        <translation>该对象的全部记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+16"/>
        <location line="+22"/>
        <location line="+59"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>{shown} of {total} records</source>
        <translation>共 {total} 条，显示 {shown} 条</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select a record with a record number to see its history.</source>
        <translation>请先选择一条带对象编号的记录，再查看其全部记录。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>History of {entity} {id}</source>
        <translation>{entity} {id} 的全部记录</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Hash chain intact: {count} records</source>
        <translation>哈希链完整：共 {count} 条记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Hash chain BROKEN ({breaks} places): {detail}</source>
        <translation>哈希链断裂（{breaks} 处）：{detail}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Exported {count} audit records to {path}</source>
        <translation>已导出审计记录 {count} 条：{path}</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <location filename="../../cadre_desk/ui/backups/auto_backup.py" line="+84"/>
        <source>Automatic backup made and verified: {path}</source>
        <translation>已自动备份并校验：{path}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Automatic backup failed: {reason}</source>
        <translation>自动备份失败：{reason}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Backing up the changes before closing…</source>
        <translation>关闭前正在备份改动…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Automatic backup</source>
        <translation>自动备份</translation>
    </message>
</context>
<context>
    <name>BackupCommands</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/backup_commands.py" line="+46"/>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Backed up, sealed with the passphrase and verified: {path}</source>
        <translation>已备份、用口令加密并校验：{path}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backed up and verified: {path}</source>
        <translation>已备份并校验：{path}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Restored from {backup}; the previous state was saved as {saved}</source>
        <translation>已从 {backup} 恢复；恢复前的数据已保存为 {saved}</translation>
    </message>
</context>
<context>
    <name>BackupPolicyDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/backups/policy_dialog.py" line="+31"/>
        <source>Automatic backups</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Daily backups kept</source>
        <translation>保留每日备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Weekly backups kept</source>
        <translation>保留每周备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monthly backups kept</source>
        <translation>保留每月备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second folder (e.g. a USB stick)</source>
        <translation>第二备份位置（如 U 盘）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A backup is taken when the window closes after changes and every 30 minutes while there are changes, verified on the copy. A missing second folder is only a warning.</source>
        <translation>有改动时，关闭窗口时自动备份，并且每 30 分钟备份一次；每份备份都在副本上校验。第二备份位置不可用（如 U 盘未插入）时只提示，不算错误。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Second folder</source>
        <translation>第二备份位置</translation>
    </message>
</context>
<context>
    <name>BackupRunner</name>
    <message>
        <location filename="../../cadre_desk/ui/jobs/backup_runner.py" line="+59"/>
        <source>Copying the database to
{path}</source>
        <translation>正在将数据库复制到
{path}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The copy was cancelled; nothing was changed.</source>
        <translation>复制已取消，未做任何更改。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+27"/>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Backups sealed with a passphrase (*.sealed)</source>
        <translation>用口令加密的备份 (*.sealed)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Protect the backup with a passphrase? Choose this for a copy that leaves this computer (a USB stick, another office): it is then encrypted (AES-256) and can only be restored with the passphrase. Keep the passphrase apart from the file; without it the backup is lost.</source>
        <translation>是否用口令保护此备份？备份要带离本机（U 盘、其他科室）时请选“是”：备份将被加密（AES-256），只有凭口令才能恢复。口令请与文件分开保管；忘记口令，备份将无法使用。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the passphrase of the backup.</source>
        <translation>请设置此备份的口令。</translation>
    </message>
</context>
<context>
    <name>BarometerGridModel</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/grid_model.py" line="+38"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rule that fired</source>
        <translation>触发规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review (研判)</source>
        <translation>研判</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposal (处置)</source>
        <translation>处置</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Tolerated</source>
        <translation>已容错</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 by %2</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>BarometerImportPreview</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/import_preview.py" line="+32"/>
        <source>Import list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 (%2): %3 row(s), %4 cadre(s), %5 with changes. Import into %6?</source>
        <translation>%1（%2）：%3 行，%4 人，其中 %5 人有变化。导入 %6？</translation>
    </message>
</context>
<context>
    <name>BarometerPage</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/barometer_page.py" line="+106"/>
        <source>New period…</source>
        <translation>新建期次…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Only yellow and red</source>
        <translation>只看黄、红</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import list…</source>
        <translation>导入名单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A member unit&apos;s list (.xlsx) matched on 身份证号: 处分名单, 信访, 审计, 个人事项核查</source>
        <translation>成员单位报送的名单（.xlsx），按身份证号匹配：处分名单、信访、审计、个人事项核查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recompute colours</source>
        <translation>重新计算颜色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour every reading again by the rule table (设置 → 规则)</source>
        <translation>按规则表（设置 → 规则）重新计算本期每人的颜色</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print joint review table…</source>
        <translation>打印联席研判表…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 联席研判表 of the period (A4 landscape)</source>
        <translation>本期联席研判表（A4 横向）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Review…</source>
        <translation>研判…</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>研判: decide the colour with a reason (Ctrl+R)</source>
        <translation>研判：确定颜色并写明理由（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Disposal…</source>
        <translation>处置…</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>处置 and its follow-up (Ctrl+D)</source>
        <translation>处置及后续跟进（Ctrl+D）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Period</source>
        <translation>期次</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Supervision barometer (晴雨表)</source>
        <translation>干部监管晴雨表</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No period yet: start one with New period…</source>
        <translation>尚无期次：点“新建期次…”开始</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start review (研判中)</source>
        <translation>转入研判</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Publish (已发布)</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Published</source>
        <translation>已发布</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>%1: %2 cadres (%3). %4</source>
        <translation>%1：共 %2 人（%3）。%4</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>New period</source>
        <translation>新建期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period (e.g. 2026Q4; every cadre on the roster gets a reading):</source>
        <translation>期次（如 2026Q4；名册中每名干部都建一条记录）：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not created</source>
        <translation>未建立</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Publish</source>
        <translation>发布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish %1? A published period cannot be changed.</source>
        <translation>发布%1？发布后不能再修改。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not recomputed</source>
        <translation>未重新计算</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recomputed: %1 changed.</source>
        <translation>已重新计算：%1 人颜色变化。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import list</source>
        <translation>导入名单</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+46"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+12"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
</context>
<context>
    <name>BatchOptionsDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/printing/printing.py" line="+143"/>
        <source>Batch print</source>
        <translation>批量打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One PDF file per cadre ({count})</source>
        <translation>每名干部一个 PDF 文件（{count} 个）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One merged PDF file with a bookmark per cadre</source>
        <translation>合并为一个 PDF 文件（每名干部一个书签）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose the folder for the PDF files</source>
        <translation>选择保存 PDF 文件的文件夹</translation>
    </message>
</context>
<context>
    <name>CadreForm</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_form.py" line="+86"/>
        <source>Import photo…</source>
        <translation>导入照片…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born</source>
        <translation>出生年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthplace</source>
        <translation>出生地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Joined the Party</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Democratic party</source>
        <translation>民主党派</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started work</source>
        <translation>参加工作时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Professional title</source>
        <translation>专业技术职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expertise</source>
        <translation>熟悉专业有何专长</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full-time education</source>
        <translation>全日制教育</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full-time degree</source>
        <translation>学位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School and major</source>
        <translation>毕业院校系及专业</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degree awarded by</source>
        <translation>学位授予院校</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In-service education</source>
        <translation>在职教育</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In-service degree</source>
        <translation>学位（在职）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>School and major (in-service)</source>
        <translation>毕业院校系及专业（在职）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Degree awarded by (in-service)</source>
        <translation>学位授予院校（在职）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current post</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank</source>
        <translation>职级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In post since</source>
        <translation>任现职时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At this rank since</source>
        <translation>任现职级时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
    <message>
        <location line="+183"/>
        <source>(no unit)</source>
        <translation>（无单位）</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
</context>
<context>
    <name>CadreLinesModel</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/cadre_list_dialog.py" line="+22"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full-time education</source>
        <translation>全日制学历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>现任职务</translation>
    </message>
</context>
<context>
    <name>CadreListDialog</name>
    <message>
        <location line="+43"/>
        <source>%1 cadres; double-click a row to open the profile.</source>
        <translation>共 %1 人；双击一行打开干部档案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open profile</source>
        <translation>打开档案</translation>
    </message>
</context>
<context>
    <name>CadrePicker</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/cadre_picker.py" line="+30"/>
        <source>Name, pinyin initials or unit</source>
        <translation>姓名、拼音首字母或单位</translation>
    </message>
</context>
<context>
    <name>CaseEditor</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/case_editor.py" line="+81"/>
        <source>Fault-tolerance case %1</source>
        <translation>容错案件 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New fault-tolerance case</source>
        <translation>登记容错案件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Blank: the next number of the year</source>
        <translation>留空：按年度自动编号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 2025.03.10</source>
        <translation>如 2025.03.10</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose how the case came</source>
        <translation>请选择启动方式</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(not ruled yet)</source>
        <translation>（尚未认定）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Visit date</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visitor</source>
        <translation>回访人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>回访情况</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Case</source>
        <translation>案件登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessment and ruling</source>
        <translation>分析认定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction and follow-up</source>
        <translation>纠错整改与回访</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Case number:</source>
        <translation>案件编号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadre:</source>
        <translation>干部：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter:</source>
        <translation>事项：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Matter dates:</source>
        <translation>事项时间：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Facts:</source>
        <translation>基本事实：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it came:</source>
        <translation>启动方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving body:</source>
        <translation>受理机关：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered on:</source>
        <translation>登记日期：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cases of the county list:</source>
        <translation>适用容错情形：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>三个区分开来:</source>
        <translation>三个区分开来：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Motive:</source>
        <translation>动机态度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Procedure:</source>
        <translation>决策程序：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nature:</source>
        <translation>性质：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consequence:</source>
        <translation>后果影响：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recovery of losses:</source>
        <translation>挽回损失：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ruling:</source>
        <translation>认定结果：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling body:</source>
        <translation>认定机关：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling date:</source>
        <translation>认定日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number:</source>
        <translation>认定文号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling opinion:</source>
        <translation>认定意见：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add measure</source>
        <translation>添加措施</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove measure</source>
        <translation>删除措施</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Correction measures:</source>
        <translation>纠错整改措施：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add visit</source>
        <translation>添加回访</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove visit</source>
        <translation>删除回访</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-up visits:</source>
        <translation>跟踪回访：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Feedback:</source>
        <translation>结果反馈：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use of the result:</source>
        <translation>结果运用：</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{error}

Your text stays in the editor.</source>
        <translation>{error}

已填写的内容仍保留在编辑框中。</translation>
    </message>
</context>
<context>
    <name>CaseForm</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/case_form.py" line="+33"/>
        <source>Printed on the appointment form (干部任免审批表) and written to .lrmx files. A new form takes today&apos;s date.</source>
        <translation>打印在干部任免审批表上，并随 .lrmx 文件导出。新表默认为今天的日期。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Proposed post (拟任职务):</source>
        <translation>拟任职务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post to be removed (拟免职务):</source>
        <translation>拟免职务：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason (任免理由):</source>
        <translation>任免理由：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reporting unit (呈报单位):</source>
        <translation>呈报单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled in by (填表人):</source>
        <translation>填表人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filled in on (填表时间):</source>
        <translation>填表时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ages counted at (计算年龄时间):</source>
        <translation>计算年龄时间：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>e.g. 2024.05.17</source>
        <translation>例如 2024.05.17</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Not saved yet: a new form&apos;s values.</source>
        <translation>尚未保存：新表的默认值。</translation>
    </message>
</context>
<context>
    <name>CaseModel</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/tolerance_page.py" line="+65"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Matter</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How it came</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Registered</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ruling</source>
        <translation>认定结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number</source>
        <translation>认定文号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next deadline</source>
        <translation>最近整改时限</translation>
    </message>
</context>
<context>
    <name>ChoiceButton</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_filters.py" line="+70"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} chosen</source>
        <translation>已选 {count} 项</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/record_editor.py" line="+266"/>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
</context>
<context>
    <name>ColumnMappingDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/transfer/import_preview.py" line="+109"/>
        <source>Unrecognised columns</source>
        <translation>未识别的列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the field each column holds:</source>
        <translation>请为每一列选择对应的字段：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(do not import)</source>
        <translation>（不导入）</translation>
    </message>
</context>
<context>
    <name>CommentDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/comment_dialog.py" line="+16"/>
        <source>Edit the comment of mentor {mentor}</source>
        <translation>修改导师{mentor}的点评</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The change is recorded in the audit trail.</source>
        <translation>修改会记入审计日志。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>View the comment of mentor {mentor}</source>
        <translation>查看导师{mentor}的点评</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/comparison_dialog.py" line="+44"/>
        <location line="+57"/>
        <source>Side-by-side comparison</source>
        <translation>横向比较</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Reference date %1. ◆ and shading: the items in which the cadres differ.</source>
        <translation>计算截止时间 %1。◆ 及底色：各人情况不同的项目。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print preview…</source>
        <translation>打印预览…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/conflict_dialog.py" line="+36"/>
        <source>Changed since you opened it</source>
        <translation>打开后已有变动</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>While you were editing, the stored profile of {name} changed (an import, another page or window, or another computer). Changes to different fields were combined; these fields were changed on both sides:</source>
        <translation>在您编辑期间，{name}的存档档案有了变动（导入、其他页面或窗口、或其他电脑）。不同字段的修改已经合并；以下字段双方都改过：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Your version</source>
        <translation>您的版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved version</source>
        <translation>已保存的版本</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Use the stored values of these fields</source>
        <translation>这些字段采用存档中的值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep my values of these fields</source>
        <translation>这些字段保留我的修改</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancel keeps your edits in the form without saving.</source>
        <translation>选择“取消”将保留您在表单中的修改，暂不保存。</translation>
    </message>
</context>
<context>
    <name>DateRange</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/date_range.py" line="+32"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 2024.05.17</source>
        <translation>如 2024.05.17</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Date filter: {error}</source>
        <translation>日期筛选：{error}</translation>
    </message>
</context>
<context>
    <name>DemoRunner</name>
    <message>
        <location filename="../../cadre_desk/ui/jobs/demo_runner.py" line="+46"/>
        <source>Generating demo data</source>
        <translation>正在生成演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing…</source>
        <translation>正在准备…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
</context>
<context>
    <name>DiaryEditor</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/diary_editor.py" line="+55"/>
        <source>Attach to the pairing</source>
        <translation>归入该结对</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the date</source>
        <translation>修改日期</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Growth diary of {name}</source>
        <translation>{name}的成长日记</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What did you do and learn? Write freely; drafts save themselves.</source>
        <translation>做了什么、学到了什么？放开写，草稿会自动保存。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Category:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title:</source>
        <translation>标题：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save draft</source>
        <translation>保存草稿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submit to mentor</source>
        <translation>提交导师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Submitted entry: changes are saved when you save.</source>
        <translation>已提交的日记：修改在点击保存后生效。</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n character(s)</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The date {date} is outside the pairing with mentor {mentor} ({start} – {end}).

Attach the entry to this pairing anyway (the mentor can then read and comment on it), or change the date?</source>
        <translation>日期 {date} 不在与导师{mentor}的结对帮带期（{start} – {end}）内。

仍将这篇日记归入该结对（导师可以阅读并点评），还是修改日期？</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose a date within the pairing&apos;s term.</source>
        <translation>请选择结对帮带期内的日期。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Draft not saved yet: {why}</source>
        <translation>草稿尚未保存：{why}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved: the entry was changed elsewhere</source>
        <translation>未保存：该日记已在别处被修改</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>View growth diary of {name}</source>
        <translation>查看{name}的成长日记</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+3"/>
        <location line="+8"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{error}

Your text stays in the editor: copy it before you close.</source>
        <translation>{error}

您的文字仍保留在编辑器中，关闭前请先复制。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Draft saved automatically at {time}</source>
        <translation>草稿已于 {time} 自动保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved at {time}</source>
        <translation>已于 {time} 保存</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not submitted</source>
        <translation>未提交</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The entry has changes that are not saved yet. Save them as a draft?</source>
        <translation>这篇日记有尚未保存的修改。保存为草稿吗？</translation>
    </message>
</context>
<context>
    <name>DiaryPage</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/diary_page.py" line="+46"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Awaiting comment</source>
        <translation>待点评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted entries the mentor has not commented on yet</source>
        <translation>已提交、导师尚未点评的日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the archived entries, to restore them</source>
        <translation>显示已归档的日记，可以恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write an entry…</source>
        <translation>写日记…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Mentee:</source>
        <translation>被帮带人：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentor:</source>
        <translation>导师：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From:</source>
        <translation>日期从：</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Choose a mentee, or a mentor to see the entries of their mentees.</source>
        <translation>请选择被帮带人；或选择导师，查看其所带干部的日记。</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n shown</source>
        <translation>
            <numerusform>显示 %n 篇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 篇</numerusform>
        </translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Choose the mentee first, then write the entry.</source>
        <translation>请先选择被帮带人，再写日记。</translation>
    </message>
</context>
<context>
    <name>DiaryTimeline</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/diary_timeline.py" line="+299"/>
        <location line="+16"/>
        <source>No diary entries match.</source>
        <translation>没有符合条件的日记。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Load older entries</source>
        <translation>加载更早的日记</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>A mentor&apos;s comment on “{title}” is typed but not saved. Discard it?</source>
        <translation>对“{title}”的导师点评已输入但尚未保存。要放弃吗？</translation>
    </message>
</context>
<context>
    <name>DiscardQuestion</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/guarded_dialog.py" line="+66"/>
        <source>Discard your input?</source>
        <translation>放弃输入的内容？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What you typed here is not saved yet. Discard it?</source>
        <translation>这里输入的内容尚未保存。要放弃吗？</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Discard</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>DisposalDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/disposal_dialog.py" line="+45"/>
        <source>Disposal (处置): %1</source>
        <translation>处置：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(not decided)</source>
        <translation>（未确定）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Follow-up done</source>
        <translation>已落实</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none recorded</source>
        <translation>无记载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning ladder so far: %1</source>
        <translation>此前的提醒、函询、诫勉：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>调整岗位 normally follows 提醒谈话, 函询 or 诫勉; none is recorded for this cadre.</source>
        <translation>调整岗位一般在提醒谈话、函询、诫勉之后；该干部尚无此类记载。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disposal:</source>
        <translation>处置：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Way of adjustment:</source>
        <translation>调整方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up:</source>
        <translation>后续跟进：</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>View disposal (处置): %1</source>
        <translation>查看处置：%1</translation>
    </message>
</context>
<context>
    <name>DossierOptionsDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/printing/printing.py" line="-78"/>
        <source>Print cadre dossier</source>
        <translation>打印干部成长档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sections</source>
        <translation>打印内容</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only records dated between</source>
        <translation>仅限以下日期之间的记录</translation>
    </message>
</context>
<context>
    <name>EncryptionRow</name>
    <message>
        <location filename="../../cadre_desk/ui/settings/encryption_row.py" line="+60"/>
        <source>Encryption of a database server is the server&apos;s business (disk encryption, TLS).</source>
        <translation>数据库服务器的加密由服务器负责（磁盘加密、TLS 连接）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Encrypted</source>
        <translation>已加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypted (SQLCipher): the file opens only with its passphrase.</source>
        <translation>已加密（SQLCipher）：只有输入口令才能打开此文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Decrypt…</source>
        <translation>取消加密(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not encrypted</source>
        <translation>未加密</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not encrypted: anyone who can copy the file can read it.</source>
        <translation>未加密：任何能复制此文件的人都能读取其中的数据。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Encrypt…</source>
        <translation>加密(&amp;E)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Encrypt the database</source>
        <translation>加密数据库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decrypt the database</source>
        <translation>取消数据库加密</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write the database back as a plain file that opens without a passphrase? Anyone who can copy the file can then read it.</source>
        <translation>把数据库还原为不需要口令即可打开的普通文件？此后任何能复制此文件的人都能读取其中的数据。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Choose the passphrase of the database. It is asked for at every start; without it the data cannot be read by anyone, including you: keep it safe.

The database is copied into an encrypted file, checked, and only then replaces the plain one. Other windows and commands using the file must be closed first.</source>
        <translation>请设定数据库口令。每次启动都要输入；没有口令，任何人（包括您自己）都无法读取数据，请妥善保管。

数据库先被复制为加密文件并校验，校验通过后才替换原来的明文文件。使用此文件的其他窗口和命令须先关闭。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Change the passphrase</source>
        <translation>修改数据库口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the current passphrase of the database.</source>
        <translation>请输入数据库当前的口令。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the new passphrase. The database is copied under it, checked (it must open with the new passphrase and no longer with the old), and only then replaces the file. Other windows and commands using the file must be closed first.

Backups made before keep the old passphrase: keep it as long as you keep them.</source>
        <translation>请设置新口令。数据库将用新口令另存一份副本并校验（新口令能打开、旧口令不能打开），校验通过后才替换原文件。请先关闭使用该文件的其他窗口和命令。

修改前做的备份仍用旧口令加密：只要还保留这些备份，就请记住旧口令。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Done: the database is under the new passphrase and verified; the old passphrase no longer opens it. Backups made from now on use the new passphrase. Older backups are still encrypted with the old one: restoring one asks for the passphrase it was made with.</source>
        <translation>完成：数据库已改用新口令并通过校验，旧口令已无法打开。今后的备份使用新口令加密；以前的备份仍用旧口令加密，恢复时会要求输入制作该备份时的口令。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Done: the database is encrypted and verified. Backups made from now on are encrypted too; older backups in the backup folder are still plain files (restoring one encrypts it with this passphrase first): delete them once they are not needed.</source>
        <translation>完成：数据库已加密并校验。此后的备份也是加密的；备份文件夹中以前的备份仍是明文文件（恢复其中一份时会先用此口令加密），不再需要时请删除。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Converting and verifying the database…</source>
        <translation>正在转换并校验数据库…</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Done: the converted database was verified and is in use.</source>
        <translation>完成：转换后的数据库已校验，正在使用。</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Change &amp;passphrase…</source>
        <translation>修改口令(&amp;P)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Re-write the encrypted database under a new passphrase (checked before it replaces the file). Backups made before keep the old passphrase.</source>
        <translation>用新口令重写加密数据库（替换原文件之前先校验）。修改前做的备份仍用旧口令。</translation>
    </message>
</context>
<context>
    <name>EndPairingDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pairings/end_pairing_dialog.py" line="+53"/>
        <source>End-of-term evaluation: {pairing}</source>
        <translation>结业评价：{pairing}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End pairing early: {pairing}</source>
        <translation>中止帮带：{pairing}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Ended on:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mentor&apos;s evaluation:</source>
        <translation>导师评价：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mentee&apos;s summary:</source>
        <translation>个人总结：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result:</source>
        <translation>考核结果：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grade:</source>
        <translation>评价等次：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The pairing ends before its term ({end}). Please give the reason.</source>
        <translation>该结对在帮带期（至 {end}）届满前结束，请填写中止原因。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reason:</source>
        <translation>中止原因：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Complete the pairing</source>
        <translation>结业</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End early</source>
        <translation>中止帮带</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The pairing ended before its term ({end}).</source>
        <translation>结对在期满（{end}）前中止。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>View end-of-term evaluation: {pairing}</source>
        <translation>查看结业评价：{pairing}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>View early end: {pairing}</source>
        <translation>查看中止情况：{pairing}</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/pool_models.py" line="+29"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pool</source>
        <translation>库别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered</source>
        <translation>入库时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>入库方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since</source>
        <translation>状态日期</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>To review</source>
        <translation>需研判</translation>
    </message>
</context>
<context>
    <name>EntryCard</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/diary_timeline.py" line="-335"/>
        <source>{date} · {mentee} · {category} · {state} · {count} characters</source>
        <translation>{date} · {mentee} · {category} · {state} · {count} 字</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+108"/>
        <source>Show all</source>
        <translation>展开全文</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Comment by mentor {mentor} ({date}): {text}</source>
        <translation>导师点评（{mentor}，{date}）：{text}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>View comment…</source>
        <translation>查看点评…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit comment…</source>
        <translation>修改点评…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+154"/>
        <source>Withdraw comment</source>
        <translation>撤回点评</translation>
    </message>
    <message>
        <location line="-139"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The entry in its form, for reading</source>
        <translation>以表单查看日记（只读）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue writing…</source>
        <translation>继续写…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Withdraw to draft</source>
        <translation>撤回为草稿</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the entry back to edit it; possible until the mentor comments</source>
        <translation>撤回后可以修改；导师点评之前都可以撤回</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mentor&apos;s comment on this entry</source>
        <translation>导师对这篇日记的点评</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comment as {mentor}</source>
        <translation>以导师{mentor}身份点评</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Show less</source>
        <translation>收起</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+14"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Archive diary entry</source>
        <translation>归档日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive the entry “{title}”? It can be restored from the Archived view.</source>
        <translation>归档日记“{title}”吗？可以在“已归档”中恢复。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Withdraw the comment of {mentor}? The entry waits for a comment again.</source>
        <translation>撤回{mentor}的点评吗？日记将重新等待点评。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/entry_dialog.py" line="+43"/>
        <source>Pool entry</source>
        <translation>入库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pool entry: %1</source>
        <translation>入库信息：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 (age %2 or under)</source>
        <translation>%1（%2岁以下）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 2024.03.01</source>
        <translation>如 2024.03.01</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the recommending unit (for 推荐)</source>
        <translation>推荐单位（推荐入库时填写）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Cadre:</source>
        <translation>干部：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pool:</source>
        <translation>库别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entered on:</source>
        <translation>入库时间：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel:</source>
        <translation>入库方式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recommended by:</source>
        <translation>推荐单位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document number:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Direction of development:</source>
        <translation>培养方向：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor pairing:</source>
        <translation>结对帮带：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mentor %1, %2</source>
        <translation>导师 %1，%2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Choose a cadre</source>
        <translation>请选择干部</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>View pool entry: %1</source>
        <translation>查看入库信息：%1</translation>
    </message>
</context>
<context>
    <name>ExcerptDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/excerpt_dialog.py" line="+24"/>
        <source>Growth record: %1</source>
        <translation>年轻干部成长档案：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> (%1 comment(s))</source>
        <translation>（%1 条点评）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tick the diary entries to quote in the record (none: the record has no excerpts).</source>
        <translation>勾选要摘录进成长档案的成长日记（不勾选：不摘录日记）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This cadre has no growth diary entries.</source>
        <translation>该干部没有成长日记。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
</context>
<context>
    <name>ExitModel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/retirement_page.py" line="+92"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team post</source>
        <translation>班子职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>正副职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit age</source>
        <translation>退出年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exit month</source>
        <translation>到龄年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months left</source>
        <translation>剩余月数</translation>
    </message>
</context>
<context>
    <name>FiguresModel</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/models.py" line="+126"/>
        <source>Group</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Average age</source>
        <translation>平均年龄</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Double-click to list these cadres</source>
        <translation>双击列出这些干部</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/first_admin_dialog.py" line="+18"/>
        <source>Set the administrator</source>
        <translation>设置系统管理员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This database has no accounts yet. Set the system administrator&apos;s password: from now on everyone signs in, and the administrator adds the other accounts (File → Accounts).</source>
        <translation>此数据库还没有账号。请设置系统管理员的密码：此后每个人都须登录，由系统管理员添加其他账号（文件 → 账号管理）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Also records clerk (may read and change the cadre records)</source>
        <translation>同时担任干部科经办（可查阅和修改干部档案）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Display name:</source>
        <translation>显示名称：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeat:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>At least 8 characters, three of: upper case, lower case, digits, symbols; not the user name.</source>
        <translation>至少 8 个字符，包含大写字母、小写字母、数字、符号中的至少三类，且不能是用户名。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>GapsModel</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/models.py" line="+38"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>结构要求</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>应配</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actual</source>
        <translation>实配</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gap</source>
        <translation>缺配</translation>
    </message>
</context>
<context>
    <name>GlobalSearch</name>
    <message>
        <location filename="../../cadre_desk/ui/search/global_search.py" line="+292"/>
        <source>Nothing found for “{query}”</source>
        <translation>未找到与“{query}”相关的记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More than {total} hits; showing {shown}</source>
        <translation>结果超过 {total} 条，显示 {shown} 条</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{total} hits; showing {shown}</source>
        <translation>共 {total} 条结果，显示 {shown} 条</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <location filename="../../cadre_desk/ui/home/home_page.py" line="+194"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <source>Mentee</source>
        <translation>被帮带人</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+7"/>
        <source>Mentor</source>
        <translation>导师</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+6"/>
        <source>Action</source>
        <translation>事项</translation>
    </message>
    <message>
        <location line="-6"/>
        <location line="+41"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Talk</source>
        <translation>谈话</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+16"/>
        <location line="+24"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Term ends</source>
        <translation>期满日</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <location line="+18"/>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <location line="-23"/>
        <location line="+6"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First problem</source>
        <translation>首个问题</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rule</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talker</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Pool</source>
        <translation>库别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To review</source>
        <translation>需研判事项</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correction measure</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Mark done</source>
        <translation>标记完成(&amp;M)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick off the selected follow-up as done today</source>
        <translation>将选中的后续事项标记为今天完成</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>The worktable could not be loaded: {error}</source>
        <translation>工作台加载失败：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Needs attention today, {date}</source>
        <translation>今日待办（{date}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Diary entries waiting for a comment ({count})</source>
        <translation>待点评的成长日记（{count}）</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Imported cadres with problems to verify (待核实) ({count})</source>
        <translation>导入后待核实的干部（{count}）</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Fault-tolerance correction measures due within 30 days or overdue ({count})</source>
        <translation>30 天内到期或已逾期的容错纠错整改措施（{count}）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Owed talks not yet held (应谈未谈) ({count})</source>
        <translation>应谈未谈（{count}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— {late} overdue</source>
        <translation>— 其中逾期 {late} 项</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n day(s) left</source>
        <translation>
            <numerusform>还有 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <location line="-164"/>
        <source>Talk follow-ups due within 7 days or overdue ({count})</source>
        <translation>7 天内到期或已逾期的谈话后续事项（{count}）</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pairings whose term ends within 30 days ({count})</source>
        <translation>30 天内期满的结对（{count}）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recently changed records ({count})</source>
        <translation>最近修改的记录（{count}）</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Pool entries to review: past the age cap, below 称职, a 处分, a red 晴雨表 ({count})</source>
        <translation>后备干部库需研判的人选：超龄、考核低于称职、受处分、晴雨表红色（{count}）</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>— the first {shown} shown</source>
        <translation>— 显示前 {shown} 条</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Due today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot tick off the follow-up</source>
        <translation>无法标记完成</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/transfer/import_preview.py" line="-84"/>
        <source>Import preview</source>
        <translation>导入预览</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New: {create}   Updated: {update}   Unchanged: {unchanged}   Cannot import: {rejected}</source>
        <translation>新增：{create}   更新：{update}   未变：{unchanged}   无法导入：{rejected}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Imported with problems to verify (待核实): {count}</source>
        <translation>带待核实问题导入：{count}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot import: unreadable file</source>
        <translation>无法导入：文件无法读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot import: no person in the file</source>
        <translation>无法导入：文件中没有人员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot import: a conflict to decide</source>
        <translation>无法导入：冲突，需要决定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>To verify: {field}: {problem}</source>
        <translation>待核实：{field}：{problem}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{action} (warnings)</source>
        <translation>{action}（有警告）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Leave out the entries that cannot be imported</source>
        <translation>跳过无法导入的项</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>ImportProblems</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/import_problems.py" line="+19"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 has %2 problem(s); nothing was imported.</source>
        <translation>%1 有 %2 处问题，未导入任何记录。</translation>
    </message>
</context>
<context>
    <name>InspectionDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/inspection/inspection_dialog.py" line="+118"/>
        <source>Inspection report (考察材料)</source>
        <translation>考察材料</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>主要缺点和不足 is left for the inspection team: the records never fill it.</source>
        <translation>“主要缺点和不足”由考察组填写，系统不会根据档案生成。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bold</source>
        <translation>加粗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bold the selected text (Ctrl+B)</source>
        <translation>将选中文字加粗（Ctrl+B）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fact</source>
        <translation>事实</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Source</source>
        <translation>出处</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a fact to insert it where the cursor is</source>
        <translation>双击一条事实，插入到光标处</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Quote the ticked passages in this section</source>
        <translation>将勾选的段落摘录到当前部分</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Facts of the records (the draft&apos;s sources)</source>
        <translation>档案中的事实（草稿依据）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>考察谈话 and diary passages</source>
        <translation>考察谈话与成长日记摘录</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Show an earlier revision (saving it makes it the newest)</source>
        <translation>查看以前的稿本（再保存即成为最新一稿）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New draft from the records</source>
        <translation>根据档案重新起草</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as new revision</source>
        <translation>保存为新一稿</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print / PDF…</source>
        <translation>打印 / 导出PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Word…</source>
        <translation>导出Word…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>View inspection report (考察材料)</source>
        <translation>查看考察材料</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No 考察谈话 or diary entry on record.</source>
        <translation>暂无考察谈话或成长日记。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Revision %1 · %2 · %3</source>
        <translation>第 %1 稿 · %2 · %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No saved revision</source>
        <translation>尚无已保存的稿本</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revision %1, saved by %2</source>
        <translation>第 %1 稿，%2 保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New draft from the records (not saved yet)</source>
        <translation>根据档案生成的新草稿（尚未保存）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Choose 德, 能, 勤, 绩, 廉 or 主要缺点和不足 for a quotation.</source>
        <translation>请先切换到德、能、勤、绩、廉或“主要缺点和不足”部分再摘录。</translation>
    </message>
    <message>
        <location line="+67"/>
        <location line="+3"/>
        <location line="+3"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Prints and exports are made of a saved revision. Save the text as a new revision now?</source>
        <translation>打印和导出以已保存的稿本为准。现在把当前内容保存为新一稿吗？</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Export Word</source>
        <translation>导出Word</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Word document (*.docx)</source>
        <translation>Word 文档 (*.docx)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>IntegrityWatch</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/integrity_watch.py" line="+56"/>
        <source>The database file is damaged</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The check of the data file found problems:
{problems}

Back up your recent work, then restore the file from a backup (File → Back up the database makes one).</source>
        <translation>数据文件检查发现问题：
{problems}

请先备份最近的工作，再从备份恢复数据文件（“文件 → 备份数据库”可生成备份）。</translation>
    </message>
</context>
<context>
    <name>LedgerPreviewDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/ledger_preview.py" line="+17"/>
        <source>Ledger import preview</source>
        <translation>年轻干部台账导入预览</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pool entries: %1 new, %2 already there</source>
        <translation>入库记录：%1 条新增，%2 条已有</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Already in the pool</source>
        <translation>已在库</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New pool entry</source>
        <translation>新增入库</translation>
    </message>
</context>
<context>
    <name>LimitedWindow</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/limited_window.py" line="+50"/>
        <source>Cadre Desk — {file}</source>
        <translation>干部成长档案台 — {file}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>My pairings</source>
        <translation>我的结对</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth diaries</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Fault tolerance</source>
        <translation>容错纠错</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Back up the database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Local &amp;rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Operator: {name}</source>
        <translation>操作员：{name}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Signed in as {name} ({roles}).</source>
        <translation>已登录：{name}（{roles}）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File → Accounts: add accounts, set their roles, reset passwords, disable.</source>
        <translation>文件 → 账号管理：添加账号、设置角色、重置密码、停用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File → Settings and Local rules: the department&apos;s settings and rules.</source>
        <translation>文件 → 设置、规则：本部门的设置和规则。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The cadre records are shown only to accounts with a records role (干部科经办, 领导查阅).</source>
        <translation>干部档案只对有档案角色（干部科经办、领导查阅）的账号显示。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cadre profile</source>
        <translation>干部档案</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Restored from {backup}; the previous state was saved as {saved}</source>
        <translation>已从 {backup} 恢复；恢复前的数据已保存为 {saved}</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/login_dialog.py" line="+26"/>
        <source>Sign in again to go on; what is typed in open editors is kept.</source>
        <translation>请重新登录后继续；已打开的编辑窗口中输入的内容会保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Locked after a time without use. Sign in again to go on; nothing typed is lost.</source>
        <translation>长时间未操作，已锁定。请重新登录后继续；已输入的内容不会丢失。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in to {database}.</source>
        <translation>登录 {database}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Demo database: user demo, password demo.</source>
        <translation>演示数据库：用户名 demo，密码 demo。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>LookbackDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/talks/lookback_dialog.py" line="+34"/>
        <source>Look back (回溯)</source>
        <translation>回溯</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Register as owed talks</source>
        <translation>登记为应谈(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each event becomes an owed talk, due from its own date (so usually overdue)</source>
        <translation>每个事件登记为一项应谈，期限从事件日期起算（因此通常已逾期）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Period:</source>
        <translation>期间：</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Enter the first and the last day of the period.</source>
        <translation>请输入期间的起止日期。</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n event(s) without a talk</source>
        <translation>
            <numerusform>%n 个事件没有谈话</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n owed talk(s) registered</source>
        <translation>
            <numerusform>已登记应谈 %n 项</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainMenus</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/menus.py" line="+46"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Back up the database…</source>
        <translation>备份数据库(&amp;B)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Automatic &amp;backups…</source>
        <translation>自动备份设置(&amp;B)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Local &amp;rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;New record on this page…</source>
        <translation>新建本页记录(&amp;N)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Print the current record…</source>
        <translation>打印当前记录(&amp;P)…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Data file location…</source>
        <translation>数据文件位置(&amp;D)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Cadre Desk</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing to do for this on this page</source>
        <translation>本页没有可执行的此项操作</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Data file location</source>
        <translation>数据文件位置</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data file: {database}
Backups: {backups}
Logs: {logs}</source>
        <translation>数据文件：{database}
备份目录：{backups}
日志目录：{logs}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>MainStatusBar</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/status_bar.py" line="+31"/>
        <source>Operator: {name}</source>
        <translation>操作员：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n cadre(s)</source>
        <translation>
            <numerusform>共 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>{shown} of %n cadre(s)</source>
        <translation>
            <numerusform>显示 {shown} 人 / 共 %n 人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n mentorship pairing(s)</source>
        <translation>
            <numerusform>结对 %n 对</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n diary entry(ies)</source>
        <translation>
            <numerusform>日记 %n 篇</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n talk record(s)</source>
        <translation>
            <numerusform>谈话 %n 次</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/main_window.py" line="+92"/>
        <source>Cadre Desk — {file}</source>
        <translation>干部成长档案台 — {file}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Worktable</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadre roster</source>
        <translation>干部名册</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Search everything: cadres, diaries, comments, talks, pairings (Ctrl+F)</source>
        <translation>搜索全部记录：干部、日记、点评、谈话、结对（Ctrl+F）</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retirement</source>
        <translation>到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>培训学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barometer</source>
        <translation>晴雨表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team structure</source>
        <translation>班子结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reserve pools</source>
        <translation>后备干部库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fault tolerance</source>
        <translation>容错纠错</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>No page can show this {kind} yet</source>
        <translation>暂无可以显示该{kind}的页面</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This {kind} no longer exists</source>
        <translation>该{kind}已不存在</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Demo data generated: {units} units, {cadres} cadres, {talks} talks</source>
        <translation>已生成演示数据：单位 {units} 个，干部 {cadres} 人，谈话记录 {talks} 条</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Demo account</source>
        <translation>演示账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The demo account {name} (password {password}; administrator, records clerk, fault tolerance) was added. If this database is to hold real records, disable it in File → Accounts.</source>
        <translation>已添加演示账号 {name}（密码 {password}；系统管理员、干部科经办、容错案件）。此数据库若转作正式使用，请在“文件 → 账号管理”中停用它。</translation>
    </message>
</context>
<context>
    <name>MeasureDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/measure_dialog.py" line="+38"/>
        <source>Development measure: %1</source>
        <translation>培养措施：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. 2024.05.06</source>
        <translation>如 2024.05.06</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>blank: still going on</source>
        <translation>留空：尚未结束</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Measure:</source>
        <translation>措施：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To:</source>
        <translation>结束日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondment record:</source>
        <translation>挂职记录：</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>View development measure: %1</source>
        <translation>查看培养措施：%1</translation>
    </message>
</context>
<context>
    <name>MeasuresModel</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/pool_models.py" line="+50"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/units/member_dialog.py" line="+26"/>
        <source>Appoint to {post}</source>
        <translation>任职：{post}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 2021.06</source>
        <translation>例如 2021.06</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadre:</source>
        <translation>干部：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In the post since:</source>
        <translation>任职时间：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{post}: {filled} of {slots} approved posts held</source>
        <translation>{post}：职数 {slots} 名，已配 {filled} 名</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the cadre from the list</source>
        <translation>请从列表中选择干部</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>MentorshipRecordDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pairings/mentorship_record_dialog.py" line="+47"/>
        <source>Edit mentorship record</source>
        <translation>编辑帮带记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New mentorship record</source>
        <translation>新增帮带记录</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form:</source>
        <translation>指导形式：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>View mentorship record</source>
        <translation>查看帮带记录</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/units/merge_dialog.py" line="+21"/>
        <source>Merge units</source>
        <translation>合并单位</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Merging “{name}” moves its cadres ({cadres}), its leadership-team posts ({posts}) with their holders, and its sub-units ({children}) to the unit chosen below; “{name}” is then archived. A post with the same name as one of the remaining unit&apos;s is folded into it.</source>
        <translation>合并后，“{name}”的干部（{cadres} 名）、班子职位（{posts} 个，连同任职人员）和下级单位（{children} 个）将转到下面选择的单位，“{name}”随即归档。与保留单位同名的班子职位并为一个。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Merge into:</source>
        <translation>并入：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
</context>
<context>
    <name>NegativeRecordWarning</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/negative_warning.py" line="+29"/>
        <source>A tolerated matter?</source>
        <translation>是否涉及已容错事项？</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save anyway</source>
        <translation>仍然保存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back to editing</source>
        <translation>返回修改</translation>
    </message>
</context>
<context>
    <name>NewCadreDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/new_cadre_dialog.py" line="+30"/>
        <source>New cadre</source>
        <translation>新建干部</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的内容。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Could not create the cadre</source>
        <translation>无法创建干部</translation>
    </message>
</context>
<context>
    <name>NewRuleDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/settings/rules_page.py" line="+316"/>
        <source>New rule: {title}</source>
        <translation>新增规则：{title}</translation>
    </message>
</context>
<context>
    <name>ObligationActions</name>
    <message>
        <location filename="../../cadre_desk/ui/talks/obligation_actions.py" line="+27"/>
        <source>{state} · overdue</source>
        <translation>{state} · 逾期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+7"/>
        <source>Link a talk</source>
        <translation>关联谈话</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>There is no talk record with this cadre yet.</source>
        <translation>这名干部还没有谈话记录。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Talk with {name}:</source>
        <translation>与{name}的谈话：</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No talk needed</source>
        <translation>免谈</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+9"/>
        <location line="+8"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>This cadre has no other owed talk to merge this one into.</source>
        <translation>这名干部没有其他可合并的应谈事项。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Merge into:</source>
        <translation>合并到：</translation>
    </message>
</context>
<context>
    <name>ObligationsTab</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/obligations_tab.py" line="+52"/>
        <source>Rule</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talker</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record a warning sign (苗头)…</source>
        <translation>记录苗头性倾向性问题…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A 苗头性倾向性问题 noted on this cadre owes a talk (提醒谈话 by default)</source>
        <translation>记录苗头性倾向性问题后即产生一项应谈（默认提醒谈话）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Talk…</source>
        <translation>谈话…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link a talk…</source>
        <translation>关联谈话…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No talk needed…</source>
        <translation>免谈…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the loop</source>
        <translation>闭环</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Step</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Warning ladder: {ladder}</source>
        <translation>警示阶梯：{ladder}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Warning sign (苗头性倾向性问题)</source>
        <translation>苗头性倾向性问题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What was found (dated today):</source>
        <translation>发现的情况（日期为今天）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Warning sign</source>
        <translation>苗头性倾向性问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 苗头 rule is switched off in 设置 → 规则: no talk is owed.</source>
        <translation>“苗头”规则已在 设置 → 规则 中停用，不产生应谈。</translation>
    </message>
</context>
<context>
    <name>ObligationsView</name>
    <message>
        <location filename="../../cadre_desk/ui/talks/obligations_view.py" line="+52"/>
        <source>By unit</source>
        <translation>按单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By talker</source>
        <translation>按谈话人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Owed (待谈)</source>
        <translation>待谈（含逾期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue only</source>
        <translation>仅逾期</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rule</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talker</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Talk…</source>
        <translation>谈话(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link a talk…</source>
        <translation>关联谈话(&amp;L)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No talk &amp;needed…</source>
        <translation>免谈(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close the loop</source>
        <translation>闭环(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Record the talk: the editor opens filled in for this cadre</source>
        <translation>记录谈话：打开已按规则填好的谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The talk&apos;s follow-ups are all done</source>
        <translation>谈话的后续事项均已完成</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Look &amp;back…</source>
        <translation>回溯(&amp;B)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Events of a past period that no talk answered (回溯)</source>
        <translation>列出过去某一期间内没有谈话的事件（回溯）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>(no talker)</source>
        <translation>（未定谈话人）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(no unit)</source>
        <translation>（无单位）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} ({count}, {late} overdue)</source>
        <translation>{name}（{count}，逾期 {late}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} ({count})</source>
        <translation>{name}（{count}）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{count} shown, {late} overdue</source>
        <translation>显示 {count} 项，逾期 {late} 项</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/override_dialog.py" line="+34"/>
        <source>Review (研判): %1</source>
        <translation>研判：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no rule fired</source>
        <translation>未触发规则</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As computed (no override)</source>
        <translation>按规则计算（不改）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Computed:</source>
        <translation>按规则：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour decided:</source>
        <translation>研判颜色：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>理由：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last decided by:</source>
        <translation>研判人：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>View review (研判): %1</source>
        <translation>查看研判：%1</translation>
    </message>
</context>
<context>
    <name>PackageConflictDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/transfer/package_conflicts.py" line="+23"/>
        <source>Import exchange package</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New: {new}   Their changes taken: {theirs}   My changes kept: {mine}   Same: {same}   Conflicts: {conflict}</source>
        <translation>新增：{new}   采用对方修改：{theirs}   保留本机修改：{mine}   相同：{same}   冲突：{conflict}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The package names {count} related people by name, unit and post only: {link} match cadres of this machine and are linked to them (nothing of theirs changes); the others are added with these fields only, marked to verify (待核实).</source>
        <translation>交换包另含 {count} 名相关人员，只有姓名、单位与职务：其中 {link} 名与本机干部相符，只作关联（本机记录不作改动）；其余按这些信息新建，标为待核实。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Differences</source>
        <translation>差异（本机 / 对方）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>处理</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Keep mine</source>
        <translation>保留本机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take theirs</source>
        <translation>采用对方</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>PairingDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pairings/pairing_dialog.py" line="+45"/>
        <source>Edit pairing</source>
        <translation>编辑结对</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New pairing</source>
        <translation>新建结对</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. 2024.05.17</source>
        <translation>如 2024.05.17</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Mentor:</source>
        <translation>导师：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentee:</source>
        <translation>被帮带人：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Term:</source>
        <translation>帮带期：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Goals:</source>
        <translation>帮带目标：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan:</source>
        <translation>帮带计划：</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Choose the mentor from the list</source>
        <translation>请从列表中选择导师</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the mentee from the list</source>
        <translation>请从列表中选择被帮带人</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>View pairing: {mentor} → {mentee}</source>
        <translation>查看结对：{mentor} → {mentee}</translation>
    </message>
</context>
<context>
    <name>PairingPanel</name>
    <message>
        <location filename="../../cadre_desk/ui/pairings/pairing_panel.py" line="+62"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluate and complete…</source>
        <translation>结业评价…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End early…</source>
        <translation>中止…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+111"/>
        <location line="+16"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Print / PDF…</source>
        <translation>打印 / 导出PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pairing dossier (帮带档案) with preview, save and print</source>
        <translation>帮带档案：预览后保存为PDF或打印</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Form</source>
        <translation>形式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add record…</source>
        <translation>新增记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit record…</source>
        <translation>编辑记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive record</source>
        <translation>归档记录</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Goals and plan</source>
        <translation>目标与计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+43"/>
        <source>Mentorship records</source>
        <translation>帮带记录</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;h3&gt;Mentor {mentor} guides {mentee}&lt;/h3&gt;Term {start} – {end} · {status}</source>
        <translation>&lt;h3&gt;导师 {mentor} 帮带 {mentee}&lt;/h3&gt;帮带期 {start} – {end} · {status}</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Mentorship records ({count})</source>
        <translation>帮带记录（{count}）</translation>
    </message>
    <message>
        <location line="-107"/>
        <location line="+43"/>
        <source>Growth diary</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pairing&apos;s form (goals and plan), for reading</source>
        <translation>查看结对表单（目标和计划，只读）</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+101"/>
        <source>View evaluation…</source>
        <translation>查看结业评价…</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>View record…</source>
        <translation>查看记录…</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>View early end…</source>
        <translation>查看中止情况…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;i&gt;Choose a pairing from the list, or create one.&lt;/i&gt;</source>
        <translation>&lt;i&gt;请从列表中选择一个结对，或新建结对。&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Goals</source>
        <translation>帮带目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Plan</source>
        <translation>帮带计划</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ended early on {date}</source>
        <translation>已于 {date} 中止</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Evaluation (completed on {date}), grade: {grade}</source>
        <translation>帮带评价（{date} 结业），等次：{grade}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mentor&apos;s evaluation</source>
        <translation>导师评价</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mentee&apos;s summary</source>
        <translation>个人总结</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Result</source>
        <translation>考核结果</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+8"/>
        <source>Growth diary ({count})</source>
        <translation>成长日记（{count}）</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Not restored</source>
        <translation>未能恢复</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Archive pairing</source>
        <translation>归档结对</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive the pairing of {mentor} and {mentee}? Tick Archived above the list to see it again and restore it.</source>
        <translation>归档{mentor}与{mentee}的结对吗？勾选列表上方的“已归档”可以再看到并恢复它。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>PairingsPage</name>
    <message>
        <location filename="../../cadre_desk/ui/pairings/pairings_page.py" line="+70"/>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Filter by mentor or mentee (name or pinyin initials)</source>
        <translation>按导师或被帮带人筛选（姓名或拼音首字母）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the archived pairings, to restore them</source>
        <translation>显示已归档的结对，可以恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New pairing…</source>
        <translation>新建结对…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mentor</source>
        <translation>导师</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentee</source>
        <translation>被帮带人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Term</source>
        <translation>帮带期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entries this month</source>
        <translation>本月日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last entry</source>
        <translation>最近日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uncommented</source>
        <translation>待点评</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%n pairing(s)</source>
        <translation>
            <numerusform>共 %n 对</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/passphrase_dialog.py" line="+37"/>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Again</source>
        <translation>再输入一次</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Enter the passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The passphrase needs at least {n} characters.</source>
        <translation>口令至少需要 {n} 个字符。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The passphrase cannot begin or end with a space.</source>
        <translation>口令的开头和结尾不能是空格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/password_dialog.py" line="+17"/>
        <source>An administrator has set your password (a new account, or a reset): choose your own to go on.</source>
        <translation>密码由管理员设置（新账号或重置密码）：请设置您自己的密码后继续。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change the password of {name}.</source>
        <translation>修改 {name} 的密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Current password:</source>
        <translation>原密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At least 8 characters, three of: upper case, lower case, digits, symbols; not the user name.</source>
        <translation>至少 8 个字符，包含大写字母、小写字母、数字、符号中的至少三类，且不能是用户名。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/printing/pdf_preview.py" line="+68"/>
        <source>Pages: {pages}</source>
        <translation>共 {pages} 页</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save PDF…</source>
        <translation>保存PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save PDF</source>
        <translation>保存PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The printer could not be started.</source>
        <translation>无法启动打印机。</translation>
    </message>
</context>
<context>
    <name>PhotoCropDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/photo_crop.py" line="+122"/>
        <source>Crop photo</source>
        <translation>裁剪照片</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drag the frame to place it; use the slider or the mouse wheel to size it.</source>
        <translation>拖动方框选择位置；用滑块或鼠标滚轮调整大小。</translation>
    </message>
</context>
<context>
    <name>PoolsPage</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/pools_page.py" line="+80"/>
        <source>In the pool or under inspection</source>
        <translation>在库及考察对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only those to review</source>
        <translation>只看需研判的</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New entry…</source>
        <translation>入库(&amp;N)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reference date</source>
        <translation>计算截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pool</source>
        <translation>库别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export ledger…</source>
        <translation>导出台账…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The 年轻干部台账 of the entries shown, as an Excel sheet</source>
        <translation>把列表中的入库记录导出为年轻干部台账（Excel）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import ledger…</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare side by side…</source>
        <translation>横向比较…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>横向比较 of the entries selected (2–6); with one or none selected, of the 考察对象 shown</source>
        <translation>对所选的 2–6 条记录作横向比较；只选一条或未选时，比较列表中的考察对象</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Young-cadre and reserve pools</source>
        <translation>优秀年轻干部和后备干部库</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Edit…</source>
        <translation>修改(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The entry in its form, for reading</source>
        <translation>以表单查看（只读）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Under inspection…</source>
        <translation>列为考察对象…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appointed…</source>
        <translation>已使用…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leaves the pool…</source>
        <translation>退出…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back in the pool…</source>
        <translation>恢复在库…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+212"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Growth record…</source>
        <translation>成长档案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The 年轻干部成长档案 of this cadre as a PDF (Ctrl+P)</source>
        <translation>生成该干部的年轻干部成长档案（PDF，Ctrl+P）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Development measures</source>
        <translation>培养措施</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Write…</source>
        <translation>填写…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yearly reviews</source>
        <translation>年度研判</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>All pools</source>
        <translation>全部库别</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 entries; %2 to review at %3 (past the pool&apos;s age cap, below 称职, a 处分, a red 晴雨表 period).</source>
        <translation>共 %1 条，%2 条需研判（截至 %3：超过库别年龄上限、考核低于称职、受处分、晴雨表红色）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Choose an entry to see its measures and reviews.</source>
        <translation>选择一条入库记录，查看其培养措施和年度研判。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Entered %1 by %2%3</source>
        <translation>%1 入库，方式：%2%3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Direction: %1</source>
        <translation>培养方向：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mentor: %1</source>
        <translation>帮带导师：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Appointed as %1</source>
        <translation>已使用为 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Left: %1 %2</source>
        <translation>退出原因：%1 %2</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Archive the entry of %1 in %2? Use it for an entry made by mistake; a cadre who leaves the pool is moved to 退出 instead.</source>
        <translation>归档 %1 在“%2”中的入库记录？仅用于误录的记录；干部离开库时请改为“退出”。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export ledger</source>
        <translation>导出年轻干部台账</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import ledger</source>
        <translation>导入年轻干部台账</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
</context>
<context>
    <name>PortraitView</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/portrait_view.py" line="+70"/>
        <source>No cadre selected.</source>
        <translation>未选择干部。</translation>
    </message>
</context>
<context>
    <name>PostDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/units/post_dialog.py" line="+35"/>
        <source>Edit post</source>
        <translation>修改职位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New post</source>
        <translation>新增职位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 党委书记, 副镇长</source>
        <translation>例如 党委书记、副镇长</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The approved number of posts (职数)</source>
        <translation>核定职数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Post:</source>
        <translation>职位：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chief or deputy:</source>
        <translation>正副职：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved posts:</source>
        <translation>职数：</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+7"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../cadre_desk/ui/printing/printing.py" line="-29"/>
        <source>Growth portrait</source>
        <translation>成长画像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Basic data</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Career (resume)</source>
        <translation>简历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family</source>
        <translation>家庭主要成员及重要社会关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annual assessments</source>
        <translation>年度考核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards and punishments</source>
        <translation>奖惩情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>教育培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondments</source>
        <translation>挂职锻炼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentorship pairings</source>
        <translation>结对帮带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth diary</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk records</source>
        <translation>谈心谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision (barometer)</source>
        <translation>监督管理（晴雨表）</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>Cadre dossier</source>
        <translation>干部成长档案</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Appointment form</source>
        <translation>干部任免审批表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Growth record</source>
        <translation>年轻干部成长档案</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pairing dossier</source>
        <translation>帮带档案</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inspection report</source>
        <translation>考察材料</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Talk record</source>
        <translation>谈话记录表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Joint review table</source>
        <translation>联席研判表</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Structure analysis report</source>
        <translation>结构分析报告</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Side-by-side comparison</source>
        <translation>横向比较</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fault-tolerance summary</source>
        <translation>容错纠错年度汇总</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Printing {count} dossiers…</source>
        <translation>正在生成 {count} 份档案…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{count} dossiers ({pages} pages) were written to
{path}</source>
        <translation>已生成 {count} 份档案（共 {pages} 页），保存在
{path}</translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_actions.py" line="+85"/>
        <source>Inspection report (考察材料)</source>
        <translation>考察材料</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+12"/>
        <location line="+22"/>
        <source>Import photo</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>Images (*.jpg *.jpeg *.png)</source>
        <translation>图片 (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{file} could not be read as a JPG or PNG image.</source>
        <translation>无法将 {file} 读取为 JPG 或 PNG 图片。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove photo</source>
        <translation>移除照片</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the photo of this cadre?</source>
        <translation>移除该干部的照片吗？</translation>
    </message>
</context>
<context>
    <name>ProfileLists</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_lists.py" line="+98"/>
        <source>Resume</source>
        <translation>简历</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Meanwhile</source>
        <translation>其间</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+185"/>
        <location line="+80"/>
        <source>From</source>
        <translation>起始</translation>
    </message>
    <message>
        <location line="-258"/>
        <location line="+185"/>
        <location line="+80"/>
        <source>To</source>
        <translation>截止</translation>
    </message>
    <message>
        <location line="-258"/>
        <source>Unit and post</source>
        <translation>单位及职务</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Family</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Relation</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Born</source>
        <translation>出生年月</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Employer and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deceased</source>
        <translation>已故</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Rewards and punishments</source>
        <translation>奖惩</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+80"/>
        <location line="+101"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-174"/>
        <source>Date</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Description</source>
        <translation>奖惩内容</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Approved by</source>
        <translation>批准机关</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Assessments</source>
        <translation>考核</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Course</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full-time</source>
        <translation>脱产</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certificate</source>
        <translation>结业证书</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Secondments</source>
        <translation>挂职</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Host unit</source>
        <translation>挂职单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Post</source>
        <translation>挂职职务</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Row {row}: {message}</source>
        <translation>第{row}行：{message}</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_view.py" line="+118"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>保存修改（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+4"/>
        <source>Retirement…</source>
        <translation>到龄…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Set the retirement month by hand, with a reason</source>
        <translation>手工设定到龄年月（须写明原因）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The retirement month and its reason, for reading</source>
        <translation>查看到龄月份及其理由（只读）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print / PDF</source>
        <translation>打印 / 导出PDF</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cadre dossier (干部成长档案)…</source>
        <translation>干部成长档案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appointment form (干部任免审批表)…</source>
        <translation>干部任免审批表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inspection report (考察材料)…</source>
        <translation>考察材料…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft watermark (草稿)</source>
        <translation>草稿水印</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Appointment</source>
        <translation>任免</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Growth portrait</source>
        <translation>成长画像</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Owed talks</source>
        <translation>应谈</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Select a cadre in the roster to see the profile.</source>
        <translation>在左侧名册中选择一名干部，即可查看其档案。</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_drafts.py" line="+78"/>
        <source>Profile of {name}</source>
        <translation>{name}的干部档案</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_view.py" line="+38"/>
        <source>Unsaved input of an earlier session was put back: save or discard it.</source>
        <translation>已恢复上次未保存的输入：请保存或放弃。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unsaved input of an earlier session was put back; the stored profile changed meanwhile: Save asks which to keep.</source>
        <translation>已恢复上次未保存的输入；存档中的档案在此期间有变动，保存时会询问保留哪一方。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retirement: {month}</source>
        <translation>到龄：{month}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (set by hand: {reason})</source>
        <translation>（手工设定：{reason}）</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>To verify (待核实): {count} problem(s) found when this cadre was imported. Correct the field and save; a problem that no longer applies disappears.</source>
        <translation>待核实：导入时发现 {count} 个问题。改正相应字段并保存后，不再存在的问题会自动消失。</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>Unsaved changes</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The profile of {name} has unsaved changes. Save them?</source>
        <translation>{name}的档案有尚未保存的修改，是否保存？</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/saving.py" line="+62"/>
        <source>Please correct the fields marked in red before saving.</source>
        <translation>请先更正标红的内容再保存。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Not saved: {reason}</source>
        <translation>未保存：{reason}</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/merge.py" line="+134"/>
        <location filename="../../cadre_desk/ui/profile/saving.py" line="+3"/>
        <location line="+5"/>
        <location line="+4"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_view.py" line="-46"/>
        <location filename="../../cadre_desk/ui/profile/saving.py" line="+3"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message numerus="yes">
        <location line="-102"/>
        <source>%n year(s) old</source>
        <translation>
            <numerusform>%n岁</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/saving.py" line="+30"/>
        <location line="+42"/>
        <source>Please correct the fields marked in red.</source>
        <translation>请更正标红的内容。</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/merge.py" line="-16"/>
        <source>The stored profile changed meanwhile and was merged with your unsaved edits.</source>
        <translation>存档中的档案在此期间有变动，已与您未保存的修改合并。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The stored profile changed meanwhile; Save asks about the fields both changed.</source>
        <translation>存档中的档案在此期间有变动；保存时会询问双方都改过的字段。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Not saved: your changes are still in the form.</source>
        <translation>未保存：您的修改仍保留在表单中。</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/profile/profile_view.py" line="-12"/>
        <location line="+54"/>
        <location line="+24"/>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Please check the resume: {items}</source>
        <translation>请核对简历：{items}</translation>
    </message>
</context>
<context>
    <name>PromotedModel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/training_lists.py" line="+41"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Post</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In post since</source>
        <translation>任现职时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>完成期限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required</source>
        <translation>应完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done since</source>
        <translation>提任后已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>QuarterStrip</name>
    <message>
        <location filename="../../cadre_desk/ui/barometer/quarter_strip.py" line="+25"/>
        <source>Barometer by quarter</source>
        <translation>晴雨表：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tolerated</source>
        <translation>已容错</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no rule fired</source>
        <translation>未触发规则</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>研判: %1</source>
        <translation>研判：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>处置: %1</source>
        <translation>处置：%1</translation>
    </message>
</context>
<context>
    <name>ReadOnly</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/read_only.py" line="+42"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/tolerance_page.py" line="+47"/>
        <source>Do not accept</source>
        <translation>不予受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reasons for not accepting the case:</source>
        <translation>不予受理的理由：</translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/record_editor.py" line="+73"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Row {row}, {field}: {message}</source>
        <translation>第{row}行 {field}：{message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… and {count} more</source>
        <translation>……另有 {count} 处</translation>
    </message>
</context>
<context>
    <name>RecordKinds</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/record_kinds.py" line="+10"/>
        <source>Cadre</source>
        <translation>干部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth diary</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentor comment</source>
        <translation>导师点评</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk record</source>
        <translation>谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairing</source>
        <translation>结对帮带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owed talk</source>
        <translation>应谈事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pool entry</source>
        <translation>入库记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fault-tolerance case</source>
        <translation>容错案件</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>提交</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>RelatedLists</name>
    <message>
        <location filename="../../cadre_desk/ui/profile/related_tabs.py" line="+28"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paired with</source>
        <translation>结对对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Term</source>
        <translation>帮带期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Talked with by</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pairings</source>
        <translation>帮带</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>Growth diary</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Talks</source>
        <translation>谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Mentor</source>
        <translation>导师</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mentee</source>
        <translation>被帮带人</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Resume</source>
        <translation>简历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume (meanwhile)</source>
        <translation>简历（其间）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reward/punishment</source>
        <translation>奖惩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>培训学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondment</source>
        <translation>挂职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairing begins</source>
        <translation>结对开始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pairing ends</source>
        <translation>结对结束</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talk</source>
        <translation>谈话</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mentor of {name} ({status})</source>
        <translation>担任{name}的导师（{status}）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mentored by {name} ({status})</source>
        <translation>由{name}帮带（{status}）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{kind}, by {talkers}</source>
        <translation>{kind}，谈话人：{talkers}</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/accounts/reset_password_dialog.py" line="+16"/>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a new password for {name}; it must be changed at the next sign-in.</source>
        <translation>为 {name} 设置新密码；其下次登录时须修改。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Repeat:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passwords differ</source>
        <translation>两次输入的密码不一致</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/backups/restore.py" line="+57"/>
        <location line="+299"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="-285"/>
        <source>This backup is encrypted. Enter the passphrase the database had when the backup was made.</source>
        <translation>此备份是加密的。请输入制作该备份时数据库的口令。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This backup is encrypted with another passphrase than the database has now: it was made before the passphrase was changed. Enter the passphrase the database had when the backup was made. The restored database keeps its current passphrase.</source>
        <translation>此备份所用的口令与数据库现在的口令不同：它是在修改口令之前做的。请输入制作该备份时数据库的口令（旧口令）。恢复后的数据库仍使用现在的口令。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>That passphrase does not open the backup either (or the file is damaged). Nothing was changed.

{why}</source>
        <translation>该口令也打不开此备份（或文件已损坏）。未做任何更改。

{why}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The backup {name} is sealed with a passphrase. Enter the passphrase it was made with.</source>
        <translation>备份 {name} 已用口令加密。请输入制作该备份时设置的口令。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>the database “{name}”</source>
        <translation>数据库“{name}”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>another database</source>
        <translation>另一个数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its audit trail begins elsewhere</source>
        <translation>审计记录的起点不同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>by its file name</source>
        <translation>按文件名判断</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: this backup belongs to {database} ({why}), not to the current database “{current}”. Restoring it replaces the current database&apos;s content with that database&apos;s.</source>
        <translation>注意：此备份属于{database}（{why}），不是当前数据库“{current}”的备份。恢复后，当前数据库的内容将被那个数据库的内容替换。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The backup is a plain (unencrypted) file, made before the database was encrypted. It is encrypted with the database&apos;s current passphrase as it is restored: the restored database stays encrypted, its passphrase unchanged.</source>
        <translation>此备份是未加密的明文文件（在数据库加密之前制作）。恢复时将先用数据库当前的口令加密：恢复后的数据库仍是加密的，口令不变。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The backup is encrypted and the database is not: the restored database will be encrypted, and from then on it opens only with the passphrase the backup was made with.</source>
        <translation>此备份是加密的，而当前数据库未加密：恢复后的数据库将是加密的，此后只能用制作该备份时的口令打开。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The backup is encrypted; the restored database stays encrypted with its current passphrase.</source>
        <translation>此备份是加密的；恢复后的数据库仍用当前口令加密。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The backup is a plain (unencrypted) file and the database&apos;s passphrase is not known: the restored database will not be encrypted.</source>
        <translation>此备份是未加密的明文文件，而当前数据库的口令未知：恢复后的数据库将不加密。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The backup is a plain (unencrypted) file, like the database: the restored database is not encrypted.</source>
        <translation>此备份是未加密的明文文件，当前数据库也未加密：恢复后的数据库不加密。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inside the sealed file: {what}</source>
        <translation>密封文件内：{what}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The accounts are not restored: the accounts as they are now (passwords, roles, disabled accounts) are kept.</source>
        <translation>账号不随备份恢复：保留现在的账号（密码、角色、停用状态）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The backup was a plain file: it was encrypted with the database&apos;s current passphrase and checked before it replaced the database. The database is still encrypted; its passphrase is unchanged.</source>
        <translation>该备份是明文文件：已先用数据库当前的口令加密并校验，然后才替换数据库。数据库仍是加密的，口令不变。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Backups (*.db *.sealed);;All files (*)</source>
        <translation>备份 (*.db *.sealed);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Restoring from
{path}</source>
        <translation>正在从以下备份恢复：
{path}</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>The database is now the backup&apos;s own file, encrypted: from now on it opens with the passphrase the backup was made with.</source>
        <translation>数据库现在就是该备份文件本身（已加密）：今后打开数据库需要输入制作该备份时的口令。</translation>
    </message>
    <message>
        <location line="-143"/>
        <source>made {when} (its last audit record)</source>
        <translation>制作于 {when}（其最后一条审计记录）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>file time {when} (the time it was made is not known: a copied file shows when it was copied)</source>
        <translation>文件时间 {when}（制作时间不详：复制来的文件显示的是复制的时间）</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>The database is now the backup&apos;s own file, which is not encrypted: it opens without a passphrase. Encrypt it again in Settings if it should be.</source>
        <translation>数据库现在就是该备份文件本身（未加密）：打开时不需要口令。如需加密，请在 设置 中重新加密。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Replace the current database with this sealed backup?

{path}
{when}

It is decrypted and checked before anything is replaced. The current state is first saved as a backup in {folder}.</source>
        <translation>用这个加密备份替换当前数据库？

{path}
{when}

备份先解密并校验，通过后才替换。当前数据库会先备份到 {folder}。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Replace the current database with this backup?

{path}
{when}, {rows} rows

The current state is first saved as a backup in {folder}.</source>
        <translation>用此备份替换当前数据库吗？

{path}
{when}，共 {rows} 行

当前数据会先另存为备份，保存在 {folder}。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>That passphrase does not open the backup either. Nothing was changed.

{why}</source>
        <translation>该口令也打不开此备份。未做任何更改。

{why}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{problem}

Restore the newest good backup?
{backup} ({when})

The damaged file is kept beside the backups.</source>
        <translation>{problem}

要恢复最近的完好备份吗？
{backup}（{when}）

损坏的文件会保留在备份文件夹中。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Restore this backup</source>
        <translation>恢复此备份</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RestorePointJob</name>
    <message>
        <location filename="../../cadre_desk/ui/jobs/restore_point_job.py" line="+83"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finishing the verified backup taken before the import…</source>
        <translation>正在完成导入前的备份与校验…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RetirementDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/development/retirement_dialog.py" line="+31"/>
        <source>Retirement month</source>
        <translation>到龄年月</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>blank: as computed; e.g. 2030.06</source>
        <translation>留空：按规定计算；如 2030.06</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>required with a manual month</source>
        <translation>手工设定时必填</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blank: the original age; e.g. 改革前任职年龄界限为63岁</source>
        <translation>留空：按原退休年龄；如 改革前任职年龄界限为63岁</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Computed (2025 reform):</source>
        <translation>按规定计算（2025年改革）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual month:</source>
        <translation>手工到龄年月：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post age limit:</source>
        <translation>任职年龄界限：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>View retirement month</source>
        <translation>查看到龄月份</translation>
    </message>
</context>
<context>
    <name>RetirementModel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/retirement_page.py" line="-57"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born</source>
        <translation>出生年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original age</source>
        <translation>原退休年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retirement month</source>
        <translation>到龄年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age then</source>
        <translation>到龄年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months left</source>
        <translation>剩余月数</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Computed</source>
        <translation>计算</translation>
    </message>
</context>
<context>
    <name>RetirementPage</name>
    <message>
        <location line="+84"/>
        <source>Reference date</source>
        <translation>计算截止时间</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List</source>
        <translation>名单</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Leaving leadership posts (local exit ages)</source>
        <translation>退出领导岗位提示（本地退出年龄）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Retirement months (2025 reform)</source>
        <translation>到龄名单（2025年渐进式延迟退休）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This month</source>
        <translation>本月到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next month</source>
        <translation>下月到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This year</source>
        <translation>本年度到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within six months</source>
        <translation>半年内到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within three years</source>
        <translation>三年内到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past the month, still on the roster</source>
        <translation>已到龄仍在册</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rule table: %1. Source: %2</source>
        <translation>规则表：%1。来源：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 cadres; retirement months by the 2025 formula unless set by hand (hover for the reason).</source>
        <translation>共 %1 人；到龄年月按2025年规定计算，手工设定的除外（鼠标悬停查看原因）。</translation>
    </message>
</context>
<context>
    <name>RetryBox</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/retry_box.py" line="+17"/>
        <source>What you typed is kept; nothing was saved.</source>
        <translation>您输入的内容仍保留着；本次没有保存任何内容。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/review_dialog.py" line="+38"/>
        <source>Yearly review: %1</source>
        <translation>年度研判：%1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. 2025.12.20</source>
        <translation>如 2025.12.20</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opinion:</source>
        <translation>研判意见：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewed on:</source>
        <translation>研判日期：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>View yearly review: %1</source>
        <translation>查看年度研判：%1</translation>
    </message>
</context>
<context>
    <name>ReviewsModel</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/pool_models.py" line="+15"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opinion</source>
        <translation>研判意见</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reviewed on</source>
        <translation>研判日期</translation>
    </message>
</context>
<context>
    <name>RosterFilterPanel</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_filters.py" line="+23"/>
        <location line="+7"/>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rank</source>
        <translation>职级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_model.py" line="+71"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rank</source>
        <translation>职级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In post since</source>
        <translation>任现职时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retirement</source>
        <translation>到龄年月</translation>
    </message>
</context>
<context>
    <name>RosterOutputs</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_outputs.py" line="+32"/>
        <source>Print dossier…</source>
        <translation>打印档案…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Print appointment form…</source>
        <translation>打印任免审批表…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Batch print…</source>
        <translation>批量打印…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compare side by side…</source>
        <translation>横向比较…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export appointment forms (.lrmx)…</source>
        <translation>导出任免审批表（.lrmx）…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export roster (Excel)…</source>
        <translation>导出名册（Excel）…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cadre dossiers</source>
        <translation>干部档案</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_page.py" line="+84"/>
        <source>Filter: name, pinyin initials (zs), unit, post</source>
        <translation>筛选：姓名、拼音首字母（zs）、单位、职务</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filters</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New cadre</source>
        <translation>新建干部</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Archive…</source>
        <translation>归档…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter roster</source>
        <translation>筛选名册</translation>
    </message>
    <message>
        <location line="+202"/>
        <location line="+138"/>
        <source>Cadre roster</source>
        <translation>干部名册</translation>
    </message>
    <message>
        <location line="-34"/>
        <source> and others</source>
        <translation>等</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archive cadres</source>
        <translation>归档干部</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Archive {count} cadre(s): {names}?
Archived cadres leave the roster; tick “Show archived” to see and restore them.</source>
        <translation>归档 {count} 名干部：{names}？
归档后不再显示在名册中；勾选“显示已归档”可查看并恢复。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>New cadre…</source>
        <translation>新建干部…</translation>
    </message>
</context>
<context>
    <name>RosterTable</name>
    <message>
        <location filename="../../cadre_desk/ui/roster/roster_table.py" line="+75"/>
        <source>Columns</source>
        <translation>显示列</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Fit column widths</source>
        <translation>自动调整列宽</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/settings/rules_page.py" line="+45"/>
        <source>Local rules</source>
        <translation>规则</translation>
    </message>
</context>
<context>
    <name>RulesPage</name>
    <message>
        <location line="-237"/>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+120"/>
        <source>Switch &amp;off</source>
        <translation>停用(&amp;O)</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Edit a cell to change a rule; each change is saved at once and recorded in the audit trail. A changed default keeps its source, marked as changed by the department.</source>
        <translation>双击单元格即可修改规则；每次修改立即保存并记入操作日志。修改过的默认值保留原来源，并注明“本部门修改”。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read only: only an administrator may change the local rules.</source>
        <translation>只读：只有系统管理员可以修改规则。</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Source (来源)</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+20"/>
        <source> (switched off)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Source: {source}</source>
        <translation>来源：{source}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Restore</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Saved: {label}</source>
        <translation>已保存：{label}</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <location filename="../../cadre_desk/ui/search/global_search.py" line="-176"/>
        <source>Show more… ({left}{plus} left)</source>
        <translation>显示更多…（还有 {left}{plus} 条）</translation>
    </message>
</context>
<context>
    <name>SelectionDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/selection_dialog.py" line="+47"/>
        <source>Edit saved selection</source>
        <translation>修改选定范围</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save selection</source>
        <translation>保存选定范围</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 2027换届乡镇</source>
        <translation>如：2027换届乡镇</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Filter: part of a name, or a kind such as 乡镇</source>
        <translation>筛选：名称的一部分，或类别如“乡镇”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick all</source>
        <translation>全选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tick none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Units (and their teams):</source>
        <translation>单位（含其班子）：</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>SelectionsDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/selections_dialog.py" line="+34"/>
        <source>Saved selections</source>
        <translation>选定范围</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename or change…</source>
        <translation>重命名或修改…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 (%2 units)</source>
        <translation>%1（%2 个单位）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No saved selection yet: choose New…, or Save as selection… on the page.</source>
        <translation>尚无选定范围：请点“新建…”，或在班子结构页点“保存为选定范围…”。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Archived units left out: %1</source>
        <translation>已撤销的单位不计入：%1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Delete saved selection</source>
        <translation>删除选定范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the saved selection “%1”? The units themselves stay.</source>
        <translation>删除选定范围“%1”？单位本身不受影响。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/settings/settings_dialog.py" line="+64"/>
        <location line="+271"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>Department (stored in the database, for everyone)</source>
        <translation>单位设置（保存在数据库中，所有人共用）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Department name:</source>
        <translation>单位名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidentiality mark:</source>
        <translation>密级标识：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepared by (制表人):</source>
        <translation>制表人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reviewed by (审核人):</source>
        <translation>审核人：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Printed on covers and page headers</source>
        <translation>印在封面和页眉上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Printed on every page of every PDF</source>
        <translation>印在每份 PDF 的每一页上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blank: the operator</source>
        <translation>留空则为操作人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>不锁定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With accounts: the window locks after this time without use</source>
        <translation>启用账号后：超过此时间未操作，窗口自动锁定</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Lock after idle:</source>
        <translation>空闲锁定：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Appointment form print offsets (干部任免审批表)</source>
        <translation>任免审批表打印偏移</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Top margin (上边距):</source>
        <translation>上边距：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Front page left margin (正面页左边距):</source>
        <translation>正面页左边距：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back page left margin (背面页左边距):</source>
        <translation>背面页左边距：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Shifts the form on the paper: positive values move it down or to the right.</source>
        <translation>整体移动表格在纸上的位置：正数向下或向右移动。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Local rules (规则)</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>退出领导岗位 ages, training hours, 三必谈 and other local practice, each with its source.</source>
        <translation>退出领导岗位年龄、培训学时、三必谈等本地做法，每项注明来源。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Rules…</source>
        <translation>规则(&amp;R)…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The name recorded in the audit trail for every change</source>
        <translation>每次修改时记入操作日志的姓名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The signed-in account&apos;s display name (changed in File → Accounts)</source>
        <translation>当前登录账号的显示名称（在 文件 → 账号管理 中修改）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator name:</source>
        <translation>操作人：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator and language take effect the next time Cadre Desk starts.</source>
        <translation>操作人和界面语言在下次启动本程序时生效。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Move to…</source>
        <translation>移动到(&amp;M)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The data is kept on a database server; it cannot be moved from here.</source>
        <translation>数据保存在数据库服务器上，无法在此移动。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Moving copies the data to the new place and checks the copy; Cadre Desk uses it from the next start. The old file is kept; delete it yourself once you are sure.</source>
        <translation>移动会把数据复制到新位置并校验副本，下次启动时起使用新文件。原文件会保留，确认无误后可自行删除。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Only a system administrator (系统管理员) changes the department&apos;s settings, the local rules and the data file; here you can choose this computer&apos;s language.</source>
        <translation>部门设置、本地规则和数据文件只能由系统管理员修改；您在这里可以选择本机的界面语言。</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+3"/>
        <source>Settings not saved</source>
        <translation>设置未保存</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The new operator name and language take effect after Cadre Desk is restarted.</source>
        <translation>新的操作人和界面语言将在重新启动本程序后生效。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move the data file to</source>
        <translation>将数据文件移动到</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <location line="+5"/>
        <location line="+24"/>
        <source>Move the data file</source>
        <translation>移动数据文件</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>That is the current data file.</source>
        <translation>这就是当前的数据文件。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A file already exists there; choose a new file name:
{path}</source>
        <translation>该位置已有同名文件，请另选文件名：
{path}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The data file was not moved: {reason}</source>
        <translation>数据文件未移动：{reason}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copied and verified. From the next start Cadre Desk uses
{new}
The old file stays at {old}.</source>
        <translation>已复制并校验。下次启动时起将使用
{new}
原文件仍保留在 {old}。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The data was copied to
{new}
and the copy verified. Cadre Desk uses it from the next start; changes made before then still go to the old file, which is kept.

Quit now so that nothing is entered into the old file?</source>
        <translation>数据已复制到
{new}
并已校验副本。下次启动时起使用新文件；在此之前的修改仍会写入原文件（原文件保留）。

现在退出程序，以免继续写入原文件吗？</translation>
    </message>
</context>
<context>
    <name>StateDialog</name>
    <message>
        <location filename="../../cadre_desk/ui/pools/state_dialog.py" line="+39"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Now: %1 since %2 (%3)</source>
        <translation>现为：%1，自 %2（%3）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Date:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post taken up:</source>
        <translation>使用职务：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason:</source>
        <translation>退出原因：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Structure</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/charts.py" line="+99"/>
        <source>Age pyramid: %1</source>
        <translation>年龄金字塔：%1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Posts approved / filled / vacant</source>
        <translation>职数 核定 / 实配 / 缺配</translation>
    </message>
    <message>
        <location filename="../../cadre_desk/ui/structure/models.py" line="-156"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>接近</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short</source>
        <translation>缺配</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+7"/>
        <source>Posts (职数)</source>
        <translation>职数</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Approved</source>
        <translation>核定</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filled</source>
        <translation>实配</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vacant</source>
        <translation>缺配</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Average age</source>
        <translation>平均年龄</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minorities</source>
        <translation>少数民族</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the Party (民主党派 + 无党派)</source>
        <translation>党外（民主党派＋无党派）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full-time education</source>
        <translation>全日制学历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest education</source>
        <translation>最高学历</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Post level</source>
        <translation>职务层次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retirement</source>
        <translation>到龄</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within three years</source>
        <translation>三年内到龄</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Four kinds of cadres</source>
        <translation>四类干部</translation>
    </message>
</context>
<context>
    <name>StructurePage</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/structure_page.py" line="+67"/>
        <source>Only team (班子) members</source>
        <translation>仅班子成员</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Print report…</source>
        <translation>打印报告…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as selection…</source>
        <translation>保存为选定范围…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the units of this scope under a name (e.g. 2027换届乡镇), to choose it again later</source>
        <translation>把当前范围的单位以一个名称保存（如“2027换届乡镇”），以后可直接选用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Selections…</source>
        <translation>管理选定范围…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename, change or delete the saved selections</source>
        <translation>重命名、修改或删除已保存的选定范围</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reference date</source>
        <translation>计算截止时间</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Targets (local rules; hover for the source)</source>
        <translation>结构要求（本地规则，悬停显示依据）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gaps (缺口): teams short of a target</source>
        <translation>缺口：未达到结构要求的班子</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Figures</source>
        <translation>结构数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Teams and targets</source>
        <translation>班子对照</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Leadership team structure</source>
        <translation>班子结构分析</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Whole county</source>
        <translation>全县</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All townships (乡镇)</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All county departments (部门)</source>
        <translation>全部县直部门</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>County units (县直单位)</source>
        <translation>县直单位</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved: %1</source>
        <translation>选定范围：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+23"/>
        <location line="+68"/>
        <source>Structure analysis</source>
        <translation>班子结构分析</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>%1: %2 cadres, average age %3; posts approved %4, filled %5, vacant %6; %7 gaps.</source>
        <translation>%1：共 %2 人，平均年龄 %3 岁；职数核定 %4、实配 %5、缺配 %6；缺口 %7 处。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full-time</source>
        <translation>全日制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Highest</source>
        <translation>最高学历</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cadres</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>TalkEditor</name>
    <message>
        <location filename="../../cadre_desk/ui/talks/talk_editor.py" line="+64"/>
        <source>Edit talk record</source>
        <translation>编辑谈话记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New talk record</source>
        <translation>新建谈话记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 2024.05.17 14:30</source>
        <translation>如 2024.05.17 14:30</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose the kind of talk</source>
        <translation>选择谈话类型</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Names separated by 、</source>
        <translation>多人用“、”分隔</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Action</source>
        <translation>后续事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Done on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add follow-up</source>
        <translation>添加后续事项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove follow-up</source>
        <translation>删除后续事项</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Time and kind:</source>
        <translation>时间和类型：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Place:</source>
        <translation>地点：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Talked with:</source>
        <translation>谈话对象：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talkers:</source>
        <translation>谈话人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorder:</source>
        <translation>记录人：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outline:</source>
        <translation>谈话提纲：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content:</source>
        <translation>内容：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own statement:</source>
        <translation>本人表态：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Follow-ups:</source>
        <translation>后续事项：</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Replace the outline?</source>
        <translation>替换谈话提纲？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The outline has text of your own. Replace it with the suggested outline for {kind}?</source>
        <translation>谈话提纲中已有您填写的内容。要替换为“{kind}”的参考提纲吗？</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{error}

Your text stays in the editor.</source>
        <translation>{error}

您填写的内容仍保留在编辑器中。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard the changes to this talk record?</source>
        <translation>放弃对这份谈话记录的修改吗？</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>New talk record (owed: {event})</source>
        <translation>新建谈话记录（应谈：{event}）</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>View talk record</source>
        <translation>查看谈话记录</translation>
    </message>
</context>
<context>
    <name>TalkPanel</name>
    <message>
        <location filename="../../cadre_desk/ui/talks/talks_page.py" line="+97"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Action</source>
        <translation>后续事项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Owner</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Due date</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+42"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>View…</source>
        <translation>查看…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole record in its form, for reading</source>
        <translation>以表单查看完整记录（只读）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print / PDF…</source>
        <translation>打印 / 导出PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The talk record form (谈话记录表) with preview, save and print</source>
        <translation>谈话记录表：预览后保存为PDF或打印</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare those inspected…</source>
        <translation>横向比较考察对象…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>横向比较 of the 考察对象 of this 考察谈话 (2–6 cadres)</source>
        <translation>对本次考察谈话的考察对象（2–6 名）作横向比较</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Follow-ups (tick when done):</source>
        <translation>后续事项（完成后勾选）：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a talk from the list, or record one.</source>
        <translation>请从列表中选择一次谈话，或新建谈话记录。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talked with</source>
        <translation>谈话对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talkers</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorder</source>
        <translation>记录人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Talk record</source>
        <translation>谈话记录</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outline</source>
        <translation>谈话提纲</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Own statement</source>
        <translation>本人表态</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Archive talk record</source>
        <translation>归档谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive this talk record? Tick Archived above the list to see it again and restore it.</source>
        <translation>归档这条谈话记录吗？勾选列表上方的“已归档”可以再看到并恢复它。</translation>
    </message>
</context>
<context>
    <name>TalksPage</name>
    <message>
        <location line="+17"/>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Talker&apos;s name</source>
        <translation>谈话人姓名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record a talk…</source>
        <translation>记录谈话…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the archived talk records, to restore them</source>
        <translation>显示已归档的谈话记录，可以恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cadre:</source>
        <translation>干部：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Talker:</source>
        <translation>谈话人：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From:</source>
        <translation>日期从：</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talked with</source>
        <translation>谈话对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talkers</source>
        <translation>谈话人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open follow-ups</source>
        <translation>未完成事项</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Talk records</source>
        <translation>谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Owed talks (应谈)</source>
        <translation>应谈</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>More than {count} talks</source>
        <translation>超过 {count} 次谈话</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n talk(s)</source>
        <translation>
            <numerusform>共 %n 次谈话</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TargetsModel</name>
    <message>
        <location filename="../../cadre_desk/ui/structure/models.py" line="+34"/>
        <source>Target</source>
        <translation>结构要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requirement</source>
        <translation>要求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required</source>
        <translation>应配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual</source>
        <translation>实配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gap</source>
        <translation>缺配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>情况</translation>
    </message>
</context>
<context>
    <name>TeamPanel</name>
    <message>
        <location filename="../../cadre_desk/ui/units/team_panel.py" line="+48"/>
        <source>Leaves the post</source>
        <translation>离任</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month {name} left {post} (e.g. 2025.06):</source>
        <translation>{name}离任{post}的年月（例如 2025.06）：</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Post / holder</source>
        <translation>职位 / 任职人员</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chief/deputy</source>
        <translation>正副职</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Posts</source>
        <translation>职数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Held / since</source>
        <translation>实配 / 任职时间</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Add post…</source>
        <translation>新增职位…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit post…</source>
        <translation>修改职位…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+198"/>
        <source>Remove post</source>
        <translation>撤销职位</translation>
    </message>
    <message>
        <location line="-197"/>
        <source>Appoint…</source>
        <translation>任职…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leaves the post…</source>
        <translation>离任…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+230"/>
        <source>Entered by mistake</source>
        <translation>误录移出</translation>
    </message>
    <message>
        <location line="-228"/>
        <source>Take out a holder entered by mistake (no tenure is kept)</source>
        <translation>移出误录的任职人员（不保留任职记录）</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Choose a unit to see its leadership team.</source>
        <translation>选择一个单位，查看其领导班子。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Approved posts {slots} · held {filled} · vacant {vacant}</source>
        <translation>核定职数 {slots} · 实配 {filled} · 缺配 {vacant}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No leadership team posts yet: add the posts of this unit&apos;s 班子.</source>
        <translation>尚未设置班子职位：请新增本单位班子的职位。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{filled} of {slots}</source>
        <translation>{filled}/{slots}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, {count} vacant</source>
        <translation>，缺配 {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>, {count} over</source>
        <translation>，超配 {count}</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Remove the post “{post}” from this team?</source>
        <translation>从班子中撤销职位“{post}”？</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Take {name} out of “{post}” as entered by mistake? No tenure is kept.</source>
        <translation>将{name}作为误录从“{post}”移出？不保留任职记录。</translation>
    </message>
</context>
<context>
    <name>ToleranceBanner</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/profile_banner.py" line="+38"/>
        <source>Not to be counted against the cadre in assessments, awards, selection or pools.</source>
        <translation>该事项在考核、评优、选任、职级晋升和后备干部管理中不作负面评价。</translation>
    </message>
</context>
<context>
    <name>TolerancePage</name>
    <message>
        <location filename="../../cadre_desk/ui/tolerance/tolerance_page.py" line="+19"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the cases deleted from the register, to restore them</source>
        <translation>显示从登记簿中删除的案件，以便恢复</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New case…</source>
        <translation>登记案件(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+170"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>Remove a case registered by mistake (recoverable, audited)</source>
        <translation>删除误登记的案件（可恢复，记入操作日志）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yearly summary (PDF)…</source>
        <translation>年度汇总（PDF）…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Yearly summary (Excel)…</source>
        <translation>年度汇总（Excel）…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Next step:</source>
        <translation>办理：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept</source>
        <translation>受理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Do not accept…</source>
        <translation>不予受理…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start verification</source>
        <translation>开始核实</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirm the ruling</source>
        <translation>确认认定</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start correction</source>
        <translation>开始纠错整改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File the case</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add files…</source>
        <translation>添加附件…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Attachments (PDF or scans, kept in the database)</source>
        <translation>附件（PDF 或扫描件，保存在数据库中）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Fault-tolerance cases (容错纠错)</source>
        <translation>容错纠错案件</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 cases shown. In all: %2</source>
        <translation>显示 %1 件。全部：%2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not accepted: %1</source>
        <translation>不予受理：%1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>done %1</source>
        <translation>已于 %1 完成</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Cannot edit</source>
        <translation>无法编辑</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot change the state</source>
        <translation>无法办理</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delete the case?</source>
        <translation>删除案件？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove %1 from the register? Tick Deleted above the list to see it again and restore it.</source>
        <translation>从登记簿中删除 %1？勾选列表上方的“已删除”可再次看到并恢复。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not changed</source>
        <translation>未更改</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF and scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;All files (*)</source>
        <translation>PDF 和扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not attached</source>
        <translation>未添加</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot open</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Save attachment</source>
        <translation>保存附件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove the attachment?</source>
        <translation>移除附件？</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the selected attachment from the case?</source>
        <translation>从案件中移除所选附件？</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+7"/>
        <source>Yearly summary</source>
        <translation>年度汇总</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not written</source>
        <translation>未能写入</translation>
    </message>
</context>
<context>
    <name>TrainingImportPreview</name>
    <message>
        <location filename="../../cadre_desk/ui/development/training_import_dialog.py" line="+22"/>
        <source>Import class list</source>
        <translation>导入培训班名单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 trainee(s), %3 new record(s), %4 already recorded. Import?</source>
        <translation>%1：学员 %2 人次，新增培训记录 %3 条，已有 %4 条。是否导入？</translation>
    </message>
</context>
<context>
    <name>TrainingListsPanel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/training_lists.py" line="+55"/>
        <source>Newly promoted: to complete within a year</source>
        <translation>新提任干部（一年内须完成）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>青干班 participants of the year</source>
        <translation>本年度青干班学员</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export this list…</source>
        <translation>导出此名单…</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 promoted in the two years before %2; %3 overdue.</source>
        <translation>截至 %2 前两年内提任 %1 人，其中逾期未完成 %3 人。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 participants.</source>
        <translation>共 %1 人次。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export this list</source>
        <translation>导出名单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not exported</source>
        <translation>未导出</translation>
    </message>
</context>
<context>
    <name>TrainingModel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/training_page.py" line="+53"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Window</source>
        <translation>周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required hours</source>
        <translation>应完成学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done hours</source>
        <translation>已完成学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short (hours)</source>
        <translation>差额（学时）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short (days)</source>
        <translation>差额（天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online hours</source>
        <translation>网络学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met</source>
        <translation>达标</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <location line="+28"/>
        <source>Only those short</source>
        <translation>只看未达标</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import class list…</source>
        <translation>导入培训班名单…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A Party-school class list (.xlsx): 班次, 类别, 主办单位, dates, 学时, 学员</source>
        <translation>党校培训班名单（.xlsx）：班次、类别、主办单位、起止日期、学时、学员</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Training compliance</source>
        <translation>培训学时达标情况</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>All units</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 cadres, %2 short of the requirement.</source>
        <translation>共 %1 人，其中 %2 人未达标。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rule table: %1</source>
        <translation>规则表：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+12"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+18"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Exported %1 rows to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import class list</source>
        <translation>导入培训班名单</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not imported</source>
        <translation>未导入</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../cadre_desk/ui/transfer/transfer.py" line="+34"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Cannot complete</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Imported: {created} new, {updated} updated, {unchanged} unchanged.</source>
        <translation>导入完成：新增 {created} 人，更新 {updated} 人，未变 {unchanged} 人。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+101"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Reading appointment forms</source>
        <translation>正在读取任免表</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+45"/>
        <location line="+28"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Import roster</source>
        <translation>导入名册</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+158"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Reading the roster</source>
        <translation>正在读取名册</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Checking the rows</source>
        <translation>正在检查各行</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Import exchange package</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+142"/>
        <source>Exchange packages (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>Reading the package</source>
        <translation>正在读取交换包</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Added {added}, merged {merged}, kept mine {kept}, unchanged {same}.</source>
        <translation>新增 {added} 条，合并 {merged} 条，保留本机 {kept} 条，未变 {same} 条。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Linked to cadres of this machine (left as they are): {linked}.</source>
        <translation>关联本机干部（未作改动）：{linked}。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The exchange package {name} is protected by a passphrase. Enter it to read the package.</source>
        <translation>交换包 {name} 已用口令加密。请输入口令以读取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encrypted package</source>
        <translation>加密的交换包</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Protect the package with a passphrase? It is then encrypted (AES-256) and can only be imported with the passphrase; tell it to the recipient by another way than the file.</source>
        <translation>用口令保护交换包？交换包将被加密（AES-256），只有输入口令才能导入；请通过文件以外的途径把口令告诉接收方。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the passphrase of the package.</source>
        <translation>请设定交换包的口令。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export appointment forms to</source>
        <translation>任免表导出到</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exporting appointment forms</source>
        <translation>正在导出任免表</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The package also names {related} related people (name, unit and post only, no other records) so that the talks and pairings stay linked.</source>
        <translation>另含 {related} 名相关人员的姓名与单位（仅姓名、单位与职务，不含其他档案），用于关联谈话、结对。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export talk records</source>
        <translation>导出谈话记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>talk records.xlsx</source>
        <translation>谈话记录.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting talk records</source>
        <translation>正在导出谈话记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} talks written to {path}</source>
        <translation>已导出 {count} 次谈话：{path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export diary activity per pairing</source>
        <translation>导出帮带结对日记情况</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pairings.xlsx</source>
        <translation>帮带结对.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting diary activity</source>
        <translation>正在导出日记情况</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} pairings written to {path}</source>
        <translation>已导出 {count} 对结对：{path}</translation>
    </message>
    <message>
        <location line="-271"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location line="+178"/>
        <source>{count} files written to {folder}</source>
        <translation>已写入 {count} 个文件到 {folder}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export roster</source>
        <translation>导出名册</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>roster.xlsx</source>
        <translation>干部名册.xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting the roster</source>
        <translation>正在导出名册</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} rows written to {path}</source>
        <translation>已导出 {count} 行到 {path}</translation>
    </message>
    <message>
        <location line="-76"/>
        <location line="+83"/>
        <source>Export exchange package</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exchange.zip</source>
        <translation>交换包.zip</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Writing the package</source>
        <translation>正在写入交换包</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{cadres} cadres, {records} records written to {path}</source>
        <translation>已将 {cadres} 位干部、共 {records} 条记录写入 {path}</translation>
    </message>
</context>
<context>
    <name>TransferMenus</name>
    <message>
        <location filename="../../cadre_desk/ui/transfer/transfer_menus.py" line="+35"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Appointment forms (.lrmx, .lrm)…</source>
        <translation>干部任免审批表（.lrmx、.lrm）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster spreadsheet (.xlsx)…</source>
        <translation>干部花名册（.xlsx）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exchange package…</source>
        <translation>交换包…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exchange package of the cadres shown…</source>
        <translation>交换包（名册中显示的干部）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Roster of the cadres shown (.xlsx)…</source>
        <translation>名册（名册中显示的干部和列，Excel）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk records (.xlsx)…</source>
        <translation>谈话记录（Excel）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diary activity per pairing (.xlsx)…</source>
        <translation>帮带结对日记情况（Excel）…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Import appointment forms</source>
        <translation>导入干部任免审批表</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appointment forms (*.lrmx *.lrm)</source>
        <translation>干部任免审批表 (*.lrmx *.lrm)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The roster shows no cadres to export.</source>
        <translation>名册中当前没有可导出的干部。</translation>
    </message>
</context>
<context>
    <name>UnitTree</name>
    <message>
        <location filename="../../cadre_desk/ui/units/unit_tree.py" line="+34"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cadres</source>
        <translation>干部数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Team</source>
        <translation>班子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leadership team: holders / approved posts</source>
        <translation>领导班子：实配 / 职数</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} vacant</source>
        <translation>缺配 {count} 名</translation>
    </message>
</context>
<context>
    <name>UnitsPage</name>
    <message>
        <location filename="../../cadre_desk/ui/units/units_page.py" line="+66"/>
        <source>Show archived</source>
        <translation>显示已归档</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+264"/>
        <source>New unit</source>
        <translation>新建单位</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>New sub-unit</source>
        <translation>新建下级单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merge into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up among its siblings (or drag it in the tree)</source>
        <translation>在同级单位中上移（也可在树中拖动）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down among its siblings (or drag it in the tree)</source>
        <translation>在同级单位中下移（也可在树中拖动）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Short name:</source>
        <translation>简称：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent unit:</source>
        <translation>上级单位：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Leadership team (班子)</source>
        <translation>领导班子</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>No units yet: create the first one with “New unit”.</source>
        <translation>还没有单位：点击“新建单位”创建第一个。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> (archived)</source>
        <translation>（已归档）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(top level)</source>
        <translation>（无上级单位）</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The unit&apos;s changes are not saved. Discard them?</source>
        <translation>单位的修改尚未保存，要放弃吗？</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Unit “{name}” created.</source>
        <translation>已新建单位“{name}”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>“{absorbed}” merged into “{survivor}” (moved: cadres {cadres}, posts {posts}, sub-units {children}).</source>
        <translation>已将“{absorbed}”并入“{survivor}”（转入干部 {cadres} 名、班子职位 {posts} 个、下级单位 {children} 个）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Archive unit</source>
        <translation>归档单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive “{name}”? It can be restored later (Show archived, then Restore).</source>
        <translation>归档“{name}”？以后可以恢复（勾选“显示已归档”后点“恢复”）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“{name}” archived.</source>
        <translation>已归档“{name}”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>“{name}” restored.</source>
        <translation>已恢复“{name}”。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/welcome.py" line="+36"/>
        <source>Welcome to Cadre Desk</source>
        <translation>欢迎使用干部成长档案台</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadre Desk keeps the records of the department&apos;s cadre development work: cadre profiles with everything on the appointment form, one-to-one mentorship pairings, growth diaries with the mentors&apos; comments, and talk records, with one search over all of them. It works offline; every record stays in one file on this computer.</source>
        <translation>干部成长档案台用于记录组织部门的干部培养工作：涵盖干部任免审批表全部内容的干部档案、一对一结对帮带、成长日记与导师点评、谈心谈话记录，并可一次搜索全部内容。本程序离线运行，所有记录都保存在本机的一个数据文件中。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This database has no cadres yet:
{path}</source>
        <translation>当前数据库中还没有干部信息：
{path}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>To look around first, generate a demo county with realistic but invented cadres, pairings, diaries and talks. Demo data can only be added to an empty database, so use a separate file for it and start your real records in a new one.</source>
        <translation>如果想先熟悉各项功能，可以生成一个演示县的数据：其中的干部、结对帮带、成长日记和谈话记录都是虚构的，但贴近实际。演示数据只能写入空数据库，请为它单独使用一个数据文件，正式数据另建新库录入。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A demo database has the account demo with the password demo (system administrator, records clerk and fault-tolerance cases), also for the command line: CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo.</source>
        <translation>演示数据库带有账号 demo，密码 demo（系统管理员、干部科经办和容错案件），命令行同样适用：CADRE_DESK_USER=demo CADRE_DESK_PASSWORD=demo。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> cadres</source>
        <translation> 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of demo cadres</source>
        <translation>演示干部人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Generate demo data</source>
        <translation>生成演示数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start with an empty database</source>
        <translation>从空白开始</translation>
    </message>
</context>
<context>
    <name>WorkPages</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/work_pages.py" line="+33"/>
        <source>Mentorship pairings</source>
        <translation>结对帮带</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Growth diaries</source>
        <translation>成长日记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Talk records</source>
        <translation>谈话记录</translation>
    </message>
</context>
<context>
    <name>YouthModel</name>
    <message>
        <location filename="../../cadre_desk/ui/development/training_lists.py" line="-101"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Post</source>
        <translation>现任职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>班次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/application.py" line="+143"/>
        <source>Encrypted database</source>
        <translation>加密的数据库</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+6"/>
        <location line="+7"/>
        <location line="+5"/>
        <location line="+6"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <location line="+17"/>
        <source> (read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Unsaved input kept</source>
        <translation>未保存的输入已保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadre Desk ended without saving what was typed in these editors:
{titles}

Open the same record&apos;s editor again to put the input back.</source>
        <translation>干部成长档案台上次意外退出，以下编辑窗口中输入的内容尚未保存：
{titles}

再次打开同一记录的编辑窗口即可恢复这些内容。</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/crash.py" line="+59"/>
        <source>The database is not available</source>
        <translation>数据库暂时无法使用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not permitted</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Unexpected error</source>
        <translation>程序错误</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cadre Desk ran into an unexpected error. The data saved so far is safe; the last action may not have been completed.</source>
        <translation>干部成长档案台遇到了意外错误。已保存的数据是安全的，但刚才的操作可能没有完成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(no log file)</source>
        <translation>（无日志文件）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The details have been written to the log file:
{path}
Please send it to your support contact.</source>
        <translation>详细信息已写入日志文件：
{path}
请将该文件发送给技术支持人员。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Copy details and continue</source>
        <translation>复制详细信息并继续</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quit</source>
        <translation>退出程序</translation>
    </message>
</context>
<context>
    <name>drafts</name>
    <message>
        <location filename="../../cadre_desk/ui/widgets/drafts.py" line="+219"/>
        <source>Unsaved input found</source>
        <translation>发现未保存的输入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This editor had unsaved input when Cadre Desk ended unexpectedly ({when}). Put it back?</source>
        <translation>干部成长档案台意外退出时（{when}），此编辑窗口中有未保存的输入。要恢复吗？</translation>
    </message>
</context>
<context>
    <name>instance</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/instance.py" line="+39"/>
        <source>Database already open</source>
        <translation>数据库已在使用中</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>opening</name>
    <message>
        <location filename="../../cadre_desk/ui/shell/opening.py" line="+39"/>
        <source>Cadre Desk</source>
        <translation>干部成长档案台</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opening the database…
{path}</source>
        <translation>正在打开数据库…
{path}</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../cadre_desk/ui/diary/diary_editor.py" line="-254"/>
        <source>Date outside the pairing</source>
        <translation>日期不在结对期内</translation>
    </message>
</context>
</TS>
