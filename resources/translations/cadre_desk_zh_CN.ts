<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DemoRunner</name>
    <message>
        <location filename="../../cadre_desk/ui/demo_runner.py" line="+44"/>
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
    <name>MainWindow</name>
    <message>
        <location filename="../../cadre_desk/ui/main_window.py" line="+60"/>
        <source>Cadre Desk — {file}</source>
        <translation>干部成长档案台 — {file}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cadre roster</source>
        <translation>干部名册</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Filter by name, pinyin initials, unit or post (Ctrl+F)</source>
        <translation>按姓名、拼音首字母、单位或职务筛选（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Cadre Desk</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search:</source>
        <translation>搜索：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Operator: {name}</source>
        <translation>操作员：{name}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database: {path}</source>
        <translation>数据库：{path}</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>{total} cadres</source>
        <translation>共 {total} 人</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} cadres</source>
        <translation>显示 {shown} 人 / 共 {total} 人</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Demo data generated: {units} units, {cadres} cadres, {talks} talks</source>
        <translation>已生成演示数据：单位 {units} 个，干部 {cadres} 人，谈话记录 {talks} 条</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>About Cadre Desk</source>
        <translation>关于干部成长档案台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;Cadre Desk {version}&lt;/h3&gt;&lt;p&gt;Records of cadre development for a county organization department: profiles, mentorship pairings, growth diaries and talk records. Works offline.&lt;/p&gt;&lt;p&gt;Database: {database}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;干部成长档案台 {version}&lt;/h3&gt;&lt;p&gt;县级组织部门的干部成长工作档案：干部档案、一对一结对帮带、成长日记和谈话记录。离线使用。&lt;/p&gt;&lt;p&gt;数据库：{database}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ProfileForm</name>
    <message>
        <location filename="../../cadre_desk/ui/profile_form.py" line="+97"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born (age)</source>
        <translation>出生年月（岁）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Birthplace</source>
        <translation>出生地</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Joined the Party</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started work</source>
        <translation>参加工作时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Health</source>
        <translation>健康状况</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Professional title</source>
        <translation>专业技术职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expertise</source>
        <translation>熟悉专业
有何专长</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full-time education</source>
        <translation>全日制教育</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In-service education</source>
        <translation>在职教育</translation>
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
        <location line="+0"/>
        <source>In post since</source>
        <translation>任现职时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{birth} (age {age})</source>
        <translation>{birth}（{age}岁）</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>No photo</source>
        <translation>无照片</translation>
    </message>
</context>
<context>
    <name>ProfileView</name>
    <message>
        <location filename="../../cadre_desk/ui/profile_view.py" line="+108"/>
        <source>Relation</source>
        <translation>称谓</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Born</source>
        <translation>出生年月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Employer and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+6"/>
        <location line="+9"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Date</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Description</source>
        <translation>内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Approved by</source>
        <translation>批准机关</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Grade</source>
        <translation>等次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Course</source>
        <translation>培训名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organiser</source>
        <translation>主办单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hours</source>
        <translation>学时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Host unit</source>
        <translation>挂职单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Post</source>
        <translation>挂职职务</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Period</source>
        <translation>起止年月</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume</source>
        <translation>简历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family</source>
        <translation>家庭成员</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewards and punishments</source>
        <translation>奖惩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assessments</source>
        <translation>考核</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secondments</source>
        <translation>挂职</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Select a cadre in the roster to see the profile.</source>
        <translation>在左侧名册中选择一名干部，即可查看其档案。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{name} (archived)</source>
        <translation>{name}（已归档）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{text} (deceased)</source>
        <translation>{text}（已故）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>{title} ({count})</source>
        <translation>{title}（{count}）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Meanwhile: {span} {text}</source>
        <translation>其间：{span}  {text}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No resume lines recorded.</source>
        <translation>尚未填写简历。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Please check the resume: {items}</source>
        <translation>请核对简历：{items}</translation>
    </message>
</context>
<context>
    <name>RosterModel</name>
    <message>
        <location filename="../../cadre_desk/ui/roster_model.py" line="+48"/>
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
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../cadre_desk/ui/welcome.py" line="+35"/>
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
        <location line="+14"/>
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
        <location line="+3"/>
        <source>Start with an empty database</source>
        <translation>从空白开始</translation>
    </message>
</context>
<context>
    <name>application</name>
    <message>
        <location filename="../../cadre_desk/ui/application.py" line="+59"/>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../cadre_desk/ui/crash.py" line="+64"/>
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
    <name>opening</name>
    <message>
        <location filename="../../cadre_desk/ui/opening.py" line="+39"/>
        <source>Cadre Desk</source>
        <translation>干部成长档案台</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Opening the database…
{path}</source>
        <translation>正在打开数据库…
{path}</translation>
    </message>
</context>
</TS>
