using System.Linq;
using FlinkSdk.Generators.Model;

namespace FlinkSdk.Generators.Emitting;

/// <summary>
/// Emits the partial half of a <c>[StatefulOperator]</c> class: the field record and its serializer, and the
/// explicit <c>IGeneratedStateful</c> (and, for keyed operators, <c>IGeneratedKeyedState</c>) implementation.
/// </summary>
internal static class OperatorEmitter
{
    private const string Stateful = "global::FlinkSdk.State.IGeneratedStateful";
    private const string KeyedState = "global::FlinkSdk.State.IGeneratedKeyedState";
    private const string StateName = "\"__fields\"";
    private const string Record = FieldRecordEmitter.RecordName;
    private const string Serializer = FieldRecordEmitter.SerializerName;

    public static string Emit(OperatorModel model)
    {
        var writer = new SourceWriter();
        EmitHelpers.Header(writer);
        int scopes = EmitHelpers.OpenScopes(writer, model.Namespace, model.ContainingTypes);
        string interfaces = model.IsKeyed ? Stateful + ", " + KeyedState : Stateful;
        writer.Line($"partial class {model.Name} : {interfaces}").Open();

        EmitFields(writer, model);
        writer.Line();
        EmitInitializeState(writer, model);
        writer.Line();
        EmitBeforeSnapshot(writer, model);
        writer.Line();
        EmitCallbacks(writer, "NotifyCheckpointComplete", model.OnCheckpointComplete);
        writer.Line();
        EmitCallbacks(writer, "NotifyCheckpointAborted", model.OnCheckpointAborted);
        writer.Line();
        if (model.IsKeyed)
        {
            EmitLoadStore(writer);
            writer.Line();
        }

        EmitCaptureApply(writer, model);
        writer.Line();
        FieldRecordEmitter.Emit(writer, model);

        writer.Close();
        EmitHelpers.CloseScopes(writer, scopes);
        return writer.ToString();
    }

    private static void EmitFields(SourceWriter writer, OperatorModel model)
    {
        string stateType = model.IsKeyed
            ? $"global::FlinkSdk.State.IValueState<{Record}>"
            : $"global::FlinkSdk.State.IListState<{Record}>";
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private {stateType}? __flinkState;");
        if (model.IsKeyed)
        {
            writer.Line();
            writer.Line("/// <summary>The record of the members' initial values, serialized once; read back for every new key.</summary>");
            writer.Line(EmitHelpers.GeneratedCodeAttribute);
            writer.Line("private byte[]? __flinkDefaults;");
        }
    }

    private static void EmitInitializeState(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.InitializeState(global::FlinkSdk.DataStream.IRuntimeContext context)").Open();
        writer.Line("var buffer = new global::System.Buffers.ArrayBufferWriter<byte>();");
        writer.Line("var writer = new global::FlinkSdk.Serialization.MessagePackWriter(buffer);");
        writer.Line($"{Serializer}.Write(ref writer, this.__FlinkCapture());");
        writer.Line("writer.Flush();");
        writer.Line("byte[] defaults = buffer.WrittenSpan.ToArray();");

        string schema = string.Join(";", model.Members.Select(m => EmitHelpers.Int(m.Id) + ":" + m.SchemaName + ":" + m.Type.SchemaName));
        bool immutable = model.Members.All(m => m.Type.IsImmutable);
        string descriptor = model.IsKeyed ? $"global::FlinkSdk.State.ValueStateDescriptor<{Record}>" : $"global::FlinkSdk.State.ListStateDescriptor<{Record}>";
        if (model.IsKeyed)
        {
            writer.Line("this.__flinkDefaults = defaults;");
            writer.Line($"this.__flinkState = context.GetState(new {descriptor}({StateName})");
        }
        else
        {
            writer.Line($"var state = context.GetListState(new {descriptor}({StateName})");
        }

        writer.Open();
        writer.Line($"Serializer = new {Serializer}(defaults),");
        writer.Line($"Schema = {EmitHelpers.StringLiteral(schema)},");
        writer.Line($"IsImmutable = {EmitHelpers.Bool(immutable)},");
        writer.Close(");");

        if (!model.IsKeyed)
        {
            writer.Line("this.__flinkState = state;");
            writer.Line("int count = 0;");
            writer.Line($"var restored = default({Record});");
            writer.Line("foreach (var element in state)").Open();
            writer.Line("if (count == 0)").Open();
            writer.Line("restored = element;");
            writer.Close();
            writer.Line();
            writer.Line("count++;");
            writer.Close();
            writer.Line();
            writer.Line("if (count > 1)").Open();
            string message = EmitHelpers.StringLiteral(
                "The [State] fields of operator " + model.DisplayName + " were restored from the field state of ");
            string rest = EmitHelpers.StringLiteral(
                " old subtasks, which cannot be merged into one. Keep the operator's parallelism when restoring, or use keyed state.");
            writer.Line($"throw new global::System.InvalidOperationException({message} + count.ToString(global::System.Globalization.CultureInfo.InvariantCulture) + {rest});");
            writer.Close();
            writer.Line();
            writer.Line("if (count == 1)").Open();
            writer.Line("this.__FlinkApply(in restored);");
            writer.Close();
        }

        writer.Close();
    }

    private static void EmitBeforeSnapshot(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.BeforeSnapshot(long checkpointId)").Open();
        foreach (var callback in model.BeforeSnapshot)
        {
            writer.Line(Call(callback));
        }

        if (!model.IsKeyed)
        {
            writer.Line($"{StateOrThrow()}.Update(new {Record}[] {{ this.__FlinkCapture() }});");
        }

        writer.Close();
    }

    private static void EmitCallbacks(SourceWriter writer, string method, EquatableArray<CallbackModel> callbacks)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {Stateful}.{method}(long checkpointId)").Open();
        foreach (var callback in callbacks)
        {
            writer.Line(Call(callback));
        }

        writer.Close();
    }

    private static void EmitLoadStore(SourceWriter writer)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {KeyedState}.LoadState()").Open();
        writer.Line($"var state = {StateOrThrow()};");
        writer.Line("if (state.HasValue)").Open();
        writer.Line("this.__FlinkApply(state.Value);");
        writer.Close();
        writer.Line("else").Open();
        writer.Line("var reader = new global::FlinkSdk.Serialization.MessagePackReader(new global::System.ReadOnlySpan<byte>(this.__flinkDefaults));");
        writer.Line($"this.__FlinkApply({Serializer}.Read(ref reader, null));");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"void {KeyedState}.StoreState()").Open();
        writer.Line($"{StateOrThrow()}.Value = this.__FlinkCapture();");
        writer.Close();
    }

    private static void EmitCaptureApply(SourceWriter writer, OperatorModel model)
    {
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private {Record} __FlinkCapture()").Open();
        writer.Line($"var record = default({Record});");
        foreach (var member in model.Members)
        {
            writer.Line($"record.{member.Name} = this.{member.Name};");
        }

        writer.Line("return record;");
        writer.Close();
        writer.Line();
        writer.Line(EmitHelpers.GeneratedCodeAttribute);
        writer.Line($"private void __FlinkApply(in {Record} record)").Open();
        foreach (var member in model.Members)
        {
            writer.Line($"this.{member.Name} = record.{member.Name};");
        }

        writer.Close();
    }

    private static string StateOrThrow()
        => "(this.__flinkState ?? throw new global::System.InvalidOperationException(\"The operator's [State] fields are used before IGeneratedStateful.InitializeState declared their state.\"))";

    private static string Call(CallbackModel callback)
        => callback.TakesCheckpointId ? $"this.{callback.Name}(checkpointId);" : $"this.{callback.Name}();";
}
